package io.cicada.tests.durability;

import static org.assertj.core.api.Assertions.assertThat;

import io.cicada.broker.connection.ClientInfo;
import io.cicada.mqtt.packet.Connect;
import io.cicada.mqtt.packet.MqttVersion;
import io.cicada.mqtt.packet.Payload;
import io.cicada.mqtt.packet.Properties;
import io.cicada.mqtt.packet.PubAck;
import io.cicada.mqtt.packet.Publish;
import io.cicada.mqtt.packet.Subscription;
import io.cicada.mqtt.packet.Will;
import io.cicada.testkit.RawMqttClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A will waiting for its MQTT 5 Will Delay Interval survives a restart of a durable broker: it is published when due,
 * at once when the restart came after its due time, not at all when its client reconnected first [MQTT-3.1.3-9], when
 * the session ends at the latest, and never twice. The wills are watched by a persistent subscriber, so that a will
 * published while it is offline (during start-up) is queued for it rather than missed.
 */
class DelayedWillRestartTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path data;

    private DurableBroker broker;
    private RawMqttClient watcher;

    @BeforeEach
    void start() {
        broker = new DurableBroker(data.resolve("broker")).start();
        watcher = watcher(true);
        watcher.subscribe(new Subscription("wills/#", 1, false, false, 0));
    }

    @AfterEach
    void stop() {
        watcher.close();
        broker.close();
    }

    @Test
    void aDelayedWillIsPublishedWhenDueAfterARestart() {
        long droppedAt = dropWithWill("will-a", "wills/a", 3, 3600);

        restart();

        Publish will = watcher.receive(Publish.class, WAIT);
        long publishedAt = System.currentTimeMillis();
        assertThat(will.topic()).isEqualTo("wills/a");
        assertThat(will.payload().asUtf8()).isEqualTo("will-a is gone");
        // [MQTT-3.1.3-9] not before the Will Delay Interval passed, also across the restart
        assertThat(publishedAt - droppedAt).isGreaterThanOrEqualTo(2_900);
        watcher.send(new PubAck(will.packetId()));
        watcher.send(new io.cicada.mqtt.packet.PingReq());
        watcher.receive(io.cicada.mqtt.packet.PingResp.class, WAIT); // the broker has read the PUBACK

        restart();
        watcher.expectNothing(Duration.ofSeconds(1)); // published once: the restart does not publish it again
    }

    @Test
    void aWillWhoseDelayPassedWhileTheBrokerWasDownIsPublishedAtStartUp() {
        long droppedAt = dropWithWill("will-b", "wills/b", 1, 3600);
        watcher.close();
        broker.close();
        Awaitility.await().atMost(WAIT).until(() -> System.currentTimeMillis() > droppedAt + 1_500);

        broker.start();
        long startedAt = System.currentTimeMillis();
        watcher = watcher(false);

        Publish will = watcher.receive(Publish.class, WAIT);
        assertThat(will.topic()).isEqualTo("wills/b");
        assertThat(System.currentTimeMillis() - startedAt).isLessThan(1_000);
        watcher.send(new PubAck(will.packetId()));
        restart();
        watcher.expectNothing(Duration.ofSeconds(1));
    }

    @Test
    void aClientThatReconnectsAfterTheRestartCancelsItsWill() {
        dropWithWill("will-c", "wills/c", 2, 3600);

        restart();
        try (RawMqttClient again = RawMqttClient.connect("127.0.0.1", broker.port())) {
            // [MQTT-3.1.3-9] a new connection to the session before the delay passed: the will is not published
            assertThat(again.connect(connect("will-c", false, null, 3600)).sessionPresent())
                    .isTrue();
            watcher.expectNothing(Duration.ofSeconds(3));
        }
    }

    @Test
    void aWillIsPublishedWhenItsRestoredSessionExpiresBeforeTheDelay() {
        long droppedAt = dropWithWill("will-d", "wills/d", 600, 3);

        restart();

        // 5.0 §3.1.3.2.2: published when the delay passes or the session ends, whichever comes first
        Publish will = watcher.receive(Publish.class, WAIT);
        assertThat(will.topic()).isEqualTo("wills/d");
        assertThat(System.currentTimeMillis() - droppedAt).isBetween(2_900L, 9_000L);
    }

    @Test
    void aDelayedWillSurvivesKillMinus9() throws Exception {
        Path processData = data.resolve("process");
        long droppedAt;
        try (BrokerProcess process = BrokerProcess.start(processData, "sys_client_events=true")) {
            try (RawMqttClient watch = RawMqttClient.connect("127.0.0.1", process.port())) {
                watch.connect(connect("will-watcher-9", true, null, 3600));
                watch.subscribe(new Subscription("wills/#", 1, false, false, 0));
                watch.subscribe(new Subscription("$SYS/broker/clients/will-e/disconnected", 0, false, false, 0));
                RawMqttClient client = RawMqttClient.connect("127.0.0.1", process.port());
                client.connect(connect("will-e", true, will("wills/e", "will-e is gone", 2), 3600));
                client.close();
                droppedAt = System.currentTimeMillis();
                assertThat(watch.receive(Publish.class, WAIT).topic()).endsWith("/will-e/disconnected");
                committed(process.port());
            }
            process.kill9();
        }
        try (BrokerProcess process = BrokerProcess.start(processData);
                RawMqttClient watch = RawMqttClient.connect("127.0.0.1", process.port())) {
            assertThat(watch.connect(connect("will-watcher-9", false, null, 3600))
                            .sessionPresent())
                    .isTrue();
            Publish will = watch.receive(Publish.class, WAIT);
            assertThat(will.topic()).isEqualTo("wills/e");
            assertThat(System.currentTimeMillis() - droppedAt).isGreaterThanOrEqualTo(1_900);
            watch.send(new PubAck(will.packetId()));
            watch.expectNothing(Duration.ofSeconds(1));
        }
    }

    /**
     * Connects {@code clientId} with a will delayed by {@code delaySeconds}, drops the connection without DISCONNECT,
     * and waits until the broker noticed and committed what it stored; returns when the connection was dropped.
     */
    private long dropWithWill(String clientId, String topic, long delaySeconds, long sessionExpiry) {
        RawMqttClient client = RawMqttClient.connect("127.0.0.1", broker.port());
        client.connect(connect(clientId, true, will(topic, clientId + " is gone", delaySeconds), sessionExpiry));
        client.close();
        long droppedAt = System.currentTimeMillis();
        Awaitility.await().atMost(WAIT).until(() -> broker.broker()
                .core()
                .clients()
                .find(clientId)
                .get()
                .map(ClientInfo::connected)
                .equals(Optional.of(false)));
        committed(broker.port());
        return droppedAt;
    }

    /** A QoS 1 PUBLISH is acknowledged only after everything the journal held before it is committed. */
    private static void committed(int port) {
        try (RawMqttClient barrier = RawMqttClient.connect("127.0.0.1", port)) {
            barrier.connect(MqttVersion.MQTT_5, "commit-barrier", true, 60);
            barrier.send(new Publish("barrier", 1, false, false, 1, Properties.EMPTY, Payload.utf8("x")));
            assertThat(barrier.receive(PubAck.class, WAIT).packetId()).isEqualTo(1);
        }
    }

    private void restart() {
        watcher.close();
        broker.restart();
        watcher = watcher(false);
    }

    private RawMqttClient watcher(boolean cleanStart) {
        RawMqttClient client = RawMqttClient.connect("127.0.0.1", broker.port());
        assertThat(client.connect(connect("will-watcher", cleanStart, null, 3600))
                        .sessionPresent())
                .isEqualTo(!cleanStart);
        return client;
    }

    private static Will will(String topic, String payload, long delaySeconds) {
        return new Will(
                topic,
                Payload.utf8(payload),
                1,
                false,
                Properties.builder().willDelayInterval(delaySeconds).build());
    }

    private static Connect connect(String clientId, boolean cleanStart, Will will, long sessionExpiry) {
        return new Connect(
                MqttVersion.MQTT_5,
                clientId,
                cleanStart,
                60,
                null,
                null,
                will,
                Properties.builder().sessionExpiryInterval(sessionExpiry).build());
    }
}
