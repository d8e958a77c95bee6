package io.cicada.tests.retain;

import static org.assertj.core.api.Assertions.assertThat;

import io.cicada.broker.persistence.PersistenceSettings;
import io.cicada.mqtt.packet.MqttVersion;
import io.cicada.mqtt.packet.Payload;
import io.cicada.mqtt.packet.Properties;
import io.cicada.mqtt.packet.PubAck;
import io.cicada.mqtt.packet.Publish;
import io.cicada.mqtt.packet.Subscription;
import io.cicada.server.Broker;
import io.cicada.server.config.ServerConfig;
import io.cicada.testkit.RawMqttClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code max_retained_messages} and {@code max_retained_bytes}, in memory and durable mode: a retained message past a
 * limit is routed to its subscribers and acknowledged, but not retained; one that does not fit clears the older
 * retained message of its topic, so no stale value is offered to later subscribers.
 */
class RetainedLimitsTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    private static Broker start(PersistenceSettings persistence) {
        return Broker.builder()
                .config(ServerConfig.defaults().withPersistence(persistence))
                .host("127.0.0.1")
                .port(0)
                .build()
                .start();
    }

    @Test
    void pastTheMessageLimitANewRetainedTopicIsRoutedButNotRetainedInMemoryMode() {
        try (Broker broker = start(PersistenceSettings.memory().withRetainedLimits(2, 0));
                RawMqttClient live = subscriber(broker);
                RawMqttClient publisher = client(broker, "limit-pub")) {
            publishRetained(publisher, "r/a", "1");
            publishRetained(publisher, "r/b", "2");
            publishRetained(publisher, "r/c", "3"); // acknowledged with Success: the PUBLISH itself was accepted
            publishRetained(publisher, "r/a", "1 again"); // replacing a topic's message is not a new one
            assertThat(payloads(live, 4)).containsExactly("r/a=1", "r/b=2", "r/c=3", "r/a=1 again");

            try (RawMqttClient later = subscriber(broker)) {
                // [MQTT-3.3.1-9] the retained messages are sent on subscribe: the two within the limit
                assertThat(payloads(later, 2)).containsExactlyInAnyOrder("r/a=1 again", "r/b=2");
                later.expectNothing(Duration.ofMillis(300));
            }
        }
    }

    @Test
    void pastTheByteLimitARetainedMessageIsNotRetainedAndClearsItsTopicInMemoryMode() {
        try (Broker broker = start(PersistenceSettings.memory().withRetainedLimits(0, 100));
                RawMqttClient publisher = client(broker, "bytes-pub")) {
            String forty = "x".repeat(40);
            publishRetained(publisher, "r/a", forty); // 43 bytes with its topic
            publishRetained(publisher, "r/b", forty); // 86
            publishRetained(publisher, "r/c", forty); // 129: not retained
            publishRetained(publisher, "r/a", forty + forty); // 126 once it replaced r/a: not retained, r/a cleared

            try (RawMqttClient later = subscriber(broker)) {
                assertThat(payloads(later, 1)).containsExactly("r/b=" + forty);
                later.expectNothing(Duration.ofMillis(300));
            }
            publishRetained(publisher, "r/d", "small"); // back under the limit: retained again
            try (RawMqttClient later = subscriber(broker)) {
                assertThat(payloads(later, 2)).containsExactlyInAnyOrder("r/b=" + forty, "r/d=small");
            }
        }
    }

    @Test
    void durableModeKeepsToTheLimitsAcrossARestart() {
        PersistenceSettings durable =
                PersistenceSettings.durable(dir.resolve("data")).withRetainedLimits(2, 1_000);
        try (Broker broker = start(durable);
                RawMqttClient publisher = client(broker, "durable-pub")) {
            publishRetained(publisher, "r/a", "1");
            publishRetained(publisher, "r/b", "2");
            publishRetained(publisher, "r/c", "3"); // past the count: not retained
            publishRetained(publisher, "r/b", "y".repeat(2_000)); // past the bytes: not retained, r/b cleared
        }
        try (Broker broker = start(durable);
                RawMqttClient later = subscriber(broker)) {
            assertThat(payloads(later, 1)).containsExactly("r/a=1");
            later.expectNothing(Duration.ofMillis(300));
        }
    }

    private static RawMqttClient client(Broker broker, String clientId) {
        RawMqttClient client = RawMqttClient.connect("127.0.0.1", broker.port());
        client.connect(MqttVersion.MQTT_5, clientId, true, 60);
        return client;
    }

    private static RawMqttClient subscriber(Broker broker) {
        RawMqttClient client = client(broker, "limit-sub-" + System.nanoTime());
        client.subscribe(new Subscription("r/#", 0, false, false, 0));
        return client;
    }

    private static void publishRetained(RawMqttClient publisher, String topic, String payload) {
        int packetId = publisher.nextPacketId();
        publisher.send(new Publish(topic, 1, false, true, packetId, Properties.EMPTY, Payload.utf8(payload)));
        PubAck ack = publisher.receive(PubAck.class, WAIT);
        assertThat(ack.packetId()).isEqualTo(packetId);
        assertThat(ack.reasonCode()).isZero();
    }

    private static List<String> payloads(RawMqttClient client, int count) {
        List<String> got = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Publish publish = client.receive(Publish.class, WAIT);
            got.add(publish.topic() + "=" + publish.payload().asUtf8());
        }
        return got;
    }
}
