package io.cicada.tests.durability;

import static org.assertj.core.api.Assertions.assertThat;

import io.cicada.mqtt.packet.Connect;
import io.cicada.mqtt.packet.MqttVersion;
import io.cicada.mqtt.packet.Payload;
import io.cicada.mqtt.packet.Properties;
import io.cicada.mqtt.packet.PubAck;
import io.cicada.mqtt.packet.Publish;
import io.cicada.mqtt.packet.Subscription;
import io.cicada.testkit.RawMqttClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Delivered messages leave no data behind, end to end with real clients: a persistent subscriber offline while 16 MB
 * are queued for it makes the data directory grow; once it has received and acknowledged them all, the directory is
 * back near its size when empty (measured after a graceful restart, which compacts; a running broker compacts every
 * 500,000 records).
 */
class DataDirectoryDrainTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int MESSAGES = 1_000; // max_queued_messages by default
    private static final int SIZE = 16 * 1024;

    @TempDir
    Path dir;

    @Test
    void theDataDirectoryReturnsNearItsStartAfterTheQueuesDrain() {
        Path data = dir.resolve("data");
        try (DurableBroker broker = new DurableBroker(data).start()) {
            long empty = bytes(data);
            try (RawMqttClient subscriber = broker.rawClient()) {
                subscriber.connect(connect(true));
                subscriber.subscribe(new Subscription("drain/#", 1, false, false, 0));
            }
            publish(broker.port());
            long full = bytes(data);
            assertThat(full).as("queued for the offline subscriber").isGreaterThan(empty + 12L * 1024 * 1024);

            try (RawMqttClient subscriber = broker.rawClient()) {
                assertThat(subscriber.connect(connect(false)).sessionPresent()).isTrue();
                for (int i = 1; i <= MESSAGES; i++) {
                    Publish message = subscriber.receive(Publish.class, WAIT);
                    assertThat(message.payload().size()).isEqualTo(SIZE);
                    subscriber.send(new PubAck(message.packetId()));
                }
                subscriber.expectNothing(Duration.ofMillis(200));
            }
            broker.restart();
            long drained = bytes(data);
            System.out.printf(
                    "data directory: %d bytes empty, %d with %d messages queued, %d after they drained%n",
                    empty, full, MESSAGES, drained);
            assertThat(drained).as("after the queue drained").isLessThan(empty + 2L * 1024 * 1024);
        }
    }

    private static void publish(int port) {
        try (RawMqttClient publisher = RawMqttClient.connect("127.0.0.1", port)) {
            publisher.connect(MqttVersion.MQTT_5, "drain-pub", true, 60);
            byte[] body = new byte[SIZE];
            for (int i = 1; i <= MESSAGES; i++) {
                publisher.send(new Publish("drain/t", 1, false, false, i, Properties.EMPTY, Payload.wrap(body)));
                if (i % 100 == 0) {
                    for (int acked = 0; acked < 100; acked++) {
                        publisher.receive(PubAck.class, WAIT);
                    }
                }
            }
        }
    }

    private static Connect connect(boolean cleanStart) {
        return new Connect(
                MqttVersion.MQTT_5,
                "drain-sub",
                cleanStart,
                60,
                null,
                null,
                null,
                Properties.builder().sessionExpiryInterval(3600L).build());
    }

    private static long bytes(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile)
                    .mapToLong(file -> {
                        try {
                            return Files.size(file);
                        } catch (IOException e) {
                            return 0; // deleted meanwhile (a compaction)
                        }
                    })
                    .sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
