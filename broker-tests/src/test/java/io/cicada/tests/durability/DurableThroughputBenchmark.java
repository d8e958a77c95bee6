package io.cicada.tests.durability;

import io.cicada.mqtt.packet.Connect;
import io.cicada.mqtt.packet.MqttPacket;
import io.cicada.mqtt.packet.MqttVersion;
import io.cicada.mqtt.packet.Payload;
import io.cicada.mqtt.packet.Properties;
import io.cicada.mqtt.packet.PubAck;
import io.cicada.mqtt.packet.Publish;
import io.cicada.mqtt.packet.Subscription;
import io.cicada.testkit.RawMqttClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A benchmark, not a timed test (its name keeps it out of the default build; {@code mvn -o -pl broker-tests -am test
 * -Dtest=DurableThroughputBenchmark -Dsurefire.failIfNoSpecifiedTests=false}): QoS 1
 * throughput of durable Cicada ({@code sync: always}), in-memory Cicada and Mosquitto (Debian's {@code mosquitto}, in
 * memory) in the same run on the same machine. Each broker runs as its own process; {@code PUBLISHERS} connections
 * publish {@code MESSAGES} QoS 1 messages each with up to {@code WINDOW} unacknowledged, to one persistent QoS 1
 * subscriber that is online (so the durable broker stores every message and its routing before the PUBACK). The rate
 * is messages per second from the first PUBLISH to the last message at the subscriber (the publishers' PUBACK rate
 * is printed too).
 */
class DurableThroughputBenchmark {
    private static final int PUBLISHERS = Integer.getInteger("cicada.bench.publishers", 8);
    private static final int MESSAGES = Integer.getInteger("cicada.bench.messages", 25_000);
    private static final int WINDOW = Integer.getInteger("cicada.bench.window", 100);
    private static final int ROUNDS = Integer.getInteger("cicada.bench.rounds", 3);
    private static final Payload PAYLOAD = Payload.wrap(new byte[64]);
    /** Like the Mosquitto configuration below: the subscriber's queue may grow, so no broker drops messages. */
    private static final String UNBOUNDED = "max_queued_messages=0";

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 20, unit = TimeUnit.MINUTES)
    void durableVersusMemoryVersusMosquitto() throws Exception {
        List<String> lines = new ArrayList<>();
        double durable = 0;
        double memory = 0;
        double mosquitto = 0;
        for (int round = 1; round <= ROUNDS; round++) {
            try (BrokerProcess broker =
                    BrokerProcess.start(dir.resolve("durable-" + round), "sync=always", UNBOUNDED)) {
                durable = Math.max(durable, run(broker.port(), "durable", round, lines));
            }
            try (BrokerProcess broker =
                    BrokerProcess.start(dir.resolve("memory-" + round), "persistence=memory", UNBOUNDED)) {
                memory = Math.max(memory, run(broker.port(), "memory", round, lines));
            }
            Process process = startMosquitto();
            try {
                mosquitto = Math.max(mosquitto, run(mosquittoPort, "mosquitto", round, lines));
            } finally {
                process.destroy();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
        lines.forEach(System.out::println);
        System.out.printf(
                "best of %d: durable %.0f msg/s, memory %.0f msg/s, mosquitto %.0f msg/s; durable/mosquitto %.2f, "
                        + "durable/memory %.2f (%d publishers x %d QoS 1 messages, window %d, %d-byte payload)%n",
                ROUNDS,
                durable,
                memory,
                mosquitto,
                durable / mosquitto,
                durable / memory,
                PUBLISHERS,
                MESSAGES,
                WINDOW,
                PAYLOAD.size());
    }

    private int mosquittoPort;

    private Process startMosquitto() throws IOException, InterruptedException {
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
            mosquittoPort = probe.getLocalPort();
        }
        Path conf = Files.writeString(
                dir.resolve("mosquitto.conf"),
                "listener " + mosquittoPort + " 127.0.0.1\nallow_anonymous true\npersistence false\n"
                        + "max_queued_messages 0\nmax_inflight_messages 100\n");
        Process process = new ProcessBuilder("mosquitto", "-c", conf.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("mosquitto.log").toFile())
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try (java.net.Socket socket = new java.net.Socket("127.0.0.1", mosquittoPort)) {
                return process;
            } catch (IOException notYet) {
                process.waitFor(20, TimeUnit.MILLISECONDS); // mosquitto is still binding
            }
        }
        throw new IllegalStateException("mosquitto did not start: " + Files.readString(dir.resolve("mosquitto.log")));
    }

    private static double run(int port, String name, int round, List<String> lines) throws Exception {
        long total = (long) PUBLISHERS * MESSAGES;
        AtomicLong received = new AtomicLong();
        RawMqttClient subscriber = RawMqttClient.connect("127.0.0.1", port);
        subscriber.connect(
                new Connect(MqttVersion.MQTT_3_1_1, "bench-sub", false, 60, null, null, null, Properties.EMPTY));
        subscriber.subscribe(new Subscription("bench/#", 1, false, false, 0));
        Thread consumer = new Thread(() -> {
            while (received.get() < total && !subscriber.isClosedByBroker()) {
                MqttPacket packet = subscriber.poll(Duration.ofSeconds(30));
                if (packet == null) {
                    return;
                }
                if (packet instanceof Publish publish) {
                    received.incrementAndGet();
                    subscriber.send(new PubAck(publish.packetId()));
                }
            }
        });
        List<Thread> publishers = new ArrayList<>();
        for (int p = 0; p < PUBLISHERS; p++) {
            int id = p;
            publishers.add(new Thread(() -> publish(port, id)));
        }
        long start = System.nanoTime();
        consumer.start();
        publishers.forEach(Thread::start);
        for (Thread publisher : publishers) {
            publisher.join();
        }
        long acknowledged = System.nanoTime();
        consumer.join(120_000);
        long end = System.nanoTime();
        subscriber.close();
        double rate = received.get() * 1e9 / (end - start);
        lines.add(String.format(
                "round %d %-9s: %d/%d received, publishers acknowledged in %.2f s, all delivered in %.2f s: %.0f msg/s",
                round, name, received.get(), total, (acknowledged - start) / 1e9, (end - start) / 1e9, rate));
        return received.get() == total ? rate : 0;
    }

    private static void publish(int port, int id) {
        try (RawMqttClient client = RawMqttClient.connect("127.0.0.1", port)) {
            client.connect(MqttVersion.MQTT_3_1_1, "bench-pub-" + id, true, 60);
            int sent = 0;
            int acked = 0;
            while (acked < MESSAGES) {
                while (sent < MESSAGES && sent - acked < WINDOW) {
                    sent++;
                    client.send(new Publish(
                            "bench/" + id, 1, false, false, (sent % 65_000) + 1, Properties.EMPTY, PAYLOAD));
                }
                if (client.poll(Duration.ofSeconds(30)) instanceof PubAck) {
                    acked++;
                } else if (client.isClosedByBroker()) {
                    return;
                }
            }
        }
    }
}
