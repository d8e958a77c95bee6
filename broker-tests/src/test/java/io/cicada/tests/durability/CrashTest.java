package io.cicada.tests.durability;

import static org.assertj.core.api.Assertions.assertThat;

import io.cicada.mqtt.packet.Connect;
import io.cicada.mqtt.packet.MqttPacket;
import io.cicada.mqtt.packet.MqttVersion;
import io.cicada.mqtt.packet.Payload;
import io.cicada.mqtt.packet.Properties;
import io.cicada.mqtt.packet.PubAck;
import io.cicada.mqtt.packet.PubComp;
import io.cicada.mqtt.packet.PubRec;
import io.cicada.mqtt.packet.PubRel;
import io.cicada.mqtt.packet.Publish;
import io.cicada.mqtt.packet.Subscription;
import io.cicada.testkit.RawMqttClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Zero acknowledged loss across {@code kill -9}: a broker process with a QoS 1 and a QoS 2 publisher and two
 * persistent subscribers (one online, one offline during the load) is killed at a random moment, restarted on the
 * same data directory, and then every message whose PUBACK / PUBCOMP the publisher received must reach both
 * subscribers, QoS 2 messages at most once, in publish order per publisher. It runs under {@code sync: always}
 * (acknowledged after the fsync) and {@code sync: batch} (acknowledged once the commit is written to RocksDB's
 * write-ahead log in the operating system, fsync later): a process crash loses neither. {@code -Dcicada.crash.trials=N}
 * sets the number of trials per policy (3 for {@code always} and 2 for {@code batch} by default; 20 with
 * {@code -Pcrash}). The offline queue is unbounded here: a bounded one drops
 * (and counts) the newest messages by policy, which is not a loss this test is about.
 */
class CrashTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final int WINDOW = 32;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "sync: {0}")
    @ValueSource(strings = {"always", "batch"})
    @Timeout(value = 30, unit = java.util.concurrent.TimeUnit.MINUTES)
    void noAcknowledgedMessageIsLostWhenTheBrokerIsKilled(String sync) throws Exception {
        int trials = Integer.getInteger("cicada.crash.trials", sync.equals("always") ? 3 : 2);
        long seed = Long.getLong("cicada.crash.seed", System.nanoTime());
        Random random = new Random(seed);
        long totalAcknowledged = 0;
        for (int trial = 1; trial <= trials; trial++) {
            int killAfterMillis = 200 + random.nextInt(1_300);
            TrialResult result = trial(dir.resolve(sync + "-trial-" + trial), killAfterMillis, sync);
            totalAcknowledged += result.acknowledged;
            // Printed, not logged: the black-box tests log warnings only, and these figures are the test's report.
            System.out.printf(
                    "sync %s, crash trial %d/%d (seed %d): killed after %d ms, %d messages acknowledged, all delivered, "
                            + "%d QoS 1 duplicates%n",
                    sync, trial, trials, seed, killAfterMillis, result.acknowledged, result.qos1Duplicates);
        }
        System.out.printf(
                "sync %s: %d crash trials, %d acknowledged messages, none lost%n", sync, trials, totalAcknowledged);
    }

    private record TrialResult(long acknowledged, long qos1Duplicates) {}

    private TrialResult trial(Path data, int killAfterMillis, String sync) throws Exception {
        Subscriber online = new Subscriber("crash-online", MqttVersion.MQTT_3_1_1);
        Subscriber offline = new Subscriber("crash-offline", MqttVersion.MQTT_5);
        Publisher qos1 = new Publisher("p1", 1);
        Publisher qos2 = new Publisher("p2", 2);
        try (BrokerProcess broker = BrokerProcess.start(data, "max_queued_messages=0", "sync=" + sync)) {
            online.connectAndSubscribe(broker.port());
            offline.connectAndSubscribe(broker.port());
            offline.disconnect();
            AtomicBoolean running = new AtomicBoolean(true);
            Thread onlineReader = new Thread(() -> online.readUntilClosed(running), "crash-online");
            Thread p1 = new Thread(() -> qos1.run(broker.port()), "crash-p1");
            Thread p2 = new Thread(() -> qos2.run(broker.port()), "crash-p2");
            onlineReader.start();
            p1.start();
            p2.start();
            qos1.started.await();
            qos2.started.await();
            Thread.sleep(killAfterMillis); // the crash point itself: a random moment of the load, not an event
            broker.kill9();
            running.set(false);
            p1.join(30_000);
            p2.join(30_000);
            onlineReader.join(30_000);
        }
        try (BrokerProcess broker = BrokerProcess.start(data, "max_queued_messages=0", "sync=" + sync)) {
            for (Subscriber subscriber : List.of(online, offline)) {
                subscriber.reconnect(broker.port());
                subscriber.drainUntil(Map.of("p1", qos1.acknowledged, "p2", qos2.acknowledged));
                subscriber.check("p1", qos1.acknowledged, false);
                subscriber.check("p2", qos2.acknowledged, true);
                subscriber.disconnect();
            }
        }
        return new TrialResult(
                qos1.acknowledged.size() + qos2.acknowledged.size(),
                online.duplicates("p1") + offline.duplicates("p1"));
    }

    /** Publishes numbered messages with up to {@link #WINDOW} in flight until the connection dies. */
    private static final class Publisher {
        final String name;
        final int qos;
        final Set<Integer> acknowledged = ConcurrentHashMap.newKeySet();
        final java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);

        Publisher(String name, int qos) {
            this.name = name;
            this.qos = qos;
        }

        void run(int port) {
            Map<Integer, Integer> inFlight = new java.util.HashMap<>(); // packet id -> sequence number
            try (RawMqttClient client = RawMqttClient.connect("127.0.0.1", port)) {
                client.connect(MqttVersion.MQTT_3_1_1, "crash-" + name, true, 60);
                started.countDown();
                int seq = 0;
                while (!client.isClosedByBroker()) {
                    while (inFlight.size() < WINDOW) {
                        seq++;
                        int packetId = (seq % 60_000) + 1;
                        inFlight.put(packetId, seq);
                        client.send(new Publish(
                                "crash/" + name,
                                qos,
                                false,
                                false,
                                packetId,
                                Properties.EMPTY,
                                Payload.utf8(name + ":" + seq)));
                    }
                    MqttPacket packet = client.poll(Duration.ofSeconds(5));
                    if (packet instanceof PubAck ack) {
                        acknowledged.add(inFlight.remove(ack.packetId()));
                    } else if (packet instanceof PubRec rec) {
                        client.send(new PubRel(rec.packetId()));
                    } else if (packet instanceof PubComp comp) {
                        acknowledged.add(inFlight.remove(comp.packetId()));
                    } else if (packet == null) {
                        return;
                    }
                }
            } catch (RuntimeException e) {
                // the broker died under us: what was acknowledged so far is what counts
            } finally {
                started.countDown();
            }
        }
    }

    /**
     * A persistent subscriber that acknowledges everything and keeps its QoS 2 receiver state (packet ids awaiting
     * PUBREL) across connections, as a real client must for exactly-once.
     */
    private static final class Subscriber {
        final String clientId;
        final MqttVersion version;
        final Set<Integer> awaitingRelease = new HashSet<>();
        final Map<String, List<Integer>> received = new ConcurrentHashMap<>();
        RawMqttClient client;

        Subscriber(String clientId, MqttVersion version) {
            this.clientId = clientId;
            this.version = version;
        }

        private Connect connect(boolean cleanStart) {
            Properties props = version.isV5()
                    ? Properties.builder().sessionExpiryInterval(3600L).build()
                    : Properties.EMPTY;
            return new Connect(version, clientId, cleanStart, 60, null, null, null, props);
        }

        void connectAndSubscribe(int port) {
            client = RawMqttClient.connect("127.0.0.1", port);
            client.connect(connect(version.isV5())); // MQTT 3.1.1 persists only with clean session 0
            client.subscribe(new Subscription("crash/#", 2, false, false, 0));
        }

        void reconnect(int port) {
            client = RawMqttClient.connect("127.0.0.1", port);
            assertThat(client.connect(connect(false)).sessionPresent())
                    .as("%s resumes its session", clientId)
                    .isTrue();
        }

        void disconnect() {
            client.close();
        }

        void readUntilClosed(AtomicBoolean running) {
            while (running.get() && !client.isClosedByBroker()) {
                handle(client.poll(Duration.ofMillis(200)));
            }
        }

        /** Reads until every acknowledged message arrived (or 60 s passed), then a short quiet window for duplicates. */
        void drainUntil(Map<String, Set<Integer>> expected) {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < deadline && !hasAll(expected)) {
                handle(client.poll(Duration.ofMillis(200)));
            }
            MqttPacket extra;
            while ((extra = client.poll(Duration.ofMillis(300))) != null) {
                handle(extra);
            }
        }

        private boolean hasAll(Map<String, Set<Integer>> expected) {
            return expected.entrySet().stream()
                    .allMatch(
                            e -> new HashSet<>(received.getOrDefault(e.getKey(), List.of())).containsAll(e.getValue()));
        }

        private void handle(MqttPacket packet) {
            if (packet instanceof Publish publish) {
                if (publish.qos() == 2) {
                    if (awaitingRelease.add(publish.packetId())) {
                        record(publish);
                    }
                    client.send(new PubRec(publish.packetId()));
                } else {
                    record(publish);
                    if (publish.qos() == 1) {
                        client.send(new PubAck(publish.packetId()));
                    }
                }
            } else if (packet instanceof PubRel rel) {
                awaitingRelease.remove(rel.packetId());
                client.send(new PubComp(rel.packetId()));
            }
        }

        private void record(Publish publish) {
            String[] parts = publish.payload().asUtf8().split(":");
            received.computeIfAbsent(parts[0], k -> new ArrayList<>()).add(Integer.parseInt(parts[1]));
        }

        void check(String publisher, Set<Integer> acknowledged, boolean exactlyOnce) {
            List<Integer> got = received.getOrDefault(publisher, List.of());
            assertThat(new HashSet<>(got))
                    .as("%s got every message of %s that was acknowledged", clientId, publisher)
                    .containsAll(acknowledged);
            if (exactlyOnce) {
                assertThat(got)
                        .as("%s got QoS 2 messages of %s at most once", clientId, publisher)
                        .doesNotHaveDuplicates();
            }
            List<Integer> firstSeen = new ArrayList<>(new java.util.LinkedHashSet<>(got));
            assertThat(firstSeen)
                    .as("%s got the messages of %s in publish order", clientId, publisher)
                    .isSorted();
        }

        long duplicates(String publisher) {
            List<Integer> got = received.getOrDefault(publisher, List.of());
            return got.size() - new HashSet<>(got).size();
        }
    }
}
