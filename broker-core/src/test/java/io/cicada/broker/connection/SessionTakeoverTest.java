package io.cicada.broker.connection;

import static io.cicada.broker.connection.Packets.connect;
import static io.cicada.broker.connection.Packets.connect311;
import static io.cicada.broker.connection.Packets.connect5;
import static io.cicada.broker.connection.Packets.publish;
import static io.cicada.broker.connection.Packets.subscribe;
import static org.assertj.core.api.Assertions.assertThat;

import io.cicada.mqtt.packet.ConnAck;
import io.cicada.mqtt.packet.Disconnect;
import io.cicada.mqtt.packet.MqttVersion;
import io.cicada.mqtt.packet.Properties;
import io.cicada.mqtt.packet.PubAck;
import io.cicada.mqtt.packet.Publish;
import io.cicada.mqtt.packet.ReasonCode;
import java.util.List;
import org.junit.jupiter.api.Test;

class SessionTakeoverTest {
    private final CoreHarness harness = new CoreHarness();

    private static io.cicada.mqtt.packet.Connect persistent5(String id) {
        return connect5(
                id, false, Properties.builder().sessionExpiryInterval(300L).build());
    }

    @Test
    void secondConnectWithSameClientIdClosesTheFirst() {
        TestClient first = harness.client(harness.loopA);
        first.connect(persistent5("c"));
        TestClient second = harness.client(harness.loopB);
        ConnAck ack = second.connect(persistent5("c"));
        // [MQTT-3.1.4-3]
        assertThat(first.last(Disconnect.class).reasonCode()).isEqualTo(ReasonCode.SESSION_TAKEN_OVER);
        assertThat(first.isClosed()).isTrue();
        assertThat(ack.sessionPresent()).isTrue();
        assertThat(second.isClosed()).isFalse();
        assertThat(harness.core.connectedClients()).isEqualTo(1);
    }

    @Test
    void mqtt311TakeoverClosesTheOldConnectionWithoutDisconnect() {
        TestClient first = harness.client();
        first.connect(connect311("c"));
        harness.client(harness.loopB).connect(connect311("c"));
        assertThat(first.isClosed()).isTrue();
        assertThat(first.received(Disconnect.class)).isEmpty();
    }

    @Test
    void subscriptionsMoveWithTheSessionToTheNewLoop() {
        TestClient first = harness.client(harness.loopA);
        first.connect(persistent5("c"));
        first.send(subscribe(1, "t", 1));
        TestClient second = harness.client(harness.loopB);
        second.connect(persistent5("c"));
        TestClient pub = harness.client(harness.loopA);
        pub.connect(connect311("p"));
        pub.send(publish("t", 1, 1, "after"));
        assertThat(second.received(Publish.class))
                .extracting(p -> p.payload().asUtf8())
                .containsExactly("after");
        assertThat(first.received(Publish.class)).isEmpty();
    }

    @Test
    void cleanStartTakeoverDiscardsTheOldSession() {
        TestClient first = harness.client();
        first.connect(persistent5("c"));
        first.send(subscribe(1, "t", 0));
        TestClient second = harness.client(harness.loopB);
        assertThat(second.connect(connect5("c")).sessionPresent()).isFalse();
        TestClient pub = harness.client();
        pub.connect(connect311("p"));
        pub.send(publish("t", 0, 0, "x"));
        assertThat(second.received(Publish.class)).isEmpty();
    }

    @Test
    void inflightAndQueuedMessagesMoveWithoutLossOrDuplicates() {
        CoreHarness small = new CoreHarness(io.cicada.broker.BrokerSettings.builder()
                .sysIntervalSeconds(0)
                .maxInflightMessages(2)
                .build());
        TestClient first = small.client(small.loopA);
        first.connect(connect(MqttVersion.MQTT_3_1_1, "c", false));
        first.send(subscribe(1, "t", 1));
        TestClient pub = small.client(small.loopB);
        pub.connect(connect311("p"));
        for (int i = 0; i < 5; i++) {
            pub.send(publish("t", 1, i + 1, "m" + i));
        }
        // m0 and m1 are in flight (window 2), m2..m4 queued; m0 is acknowledged before the takeover
        assertThat(first.received(Publish.class))
                .extracting(p -> p.payload().asUtf8())
                .containsExactly("m0", "m1");
        first.send(new PubAck(first.received(Publish.class).get(0).packetId()));
        // the freed slot took m2: now m1 and m2 are in flight, m3 and m4 queued
        assertThat(first.received(Publish.class))
                .extracting(p -> p.payload().asUtf8())
                .containsExactly("m0", "m1", "m2");
        TestClient second = small.client(small.loopB);
        second.connect(connect(MqttVersion.MQTT_3_1_1, "c", false));
        for (int round = 0; round < 5; round++) {
            for (Publish p : second.received(Publish.class)) {
                second.send(new PubAck(p.packetId()));
            }
        }
        List<Publish> afterTakeover = second.received(Publish.class);
        // m1, m2 again as DUP re-sends [MQTT-4.4.0-1], then the queue in order; m0 (acknowledged) never again
        assertThat(afterTakeover).extracting(p -> p.payload().asUtf8()).containsExactly("m1", "m2", "m3", "m4");
        assertThat(afterTakeover).extracting(Publish::dup).containsExactly(true, true, false, false);
    }

    @Test
    void resumingWithinTheWillDelayDoesNotPublishTheWill() {
        TestClient watcher = harness.client(harness.loopB);
        watcher.connect(connect311("watcher"));
        watcher.send(subscribe(1, "will/#", 0));
        io.cicada.mqtt.packet.Will will = new io.cicada.mqtt.packet.Will(
                "will/c",
                io.cicada.mqtt.packet.Payload.utf8("gone"),
                0,
                false,
                Properties.builder().willDelayInterval(30L).build());
        TestClient first = harness.client();
        first.connect(Packets.withWill(persistent5("c"), will));
        harness.client(harness.loopB).connect(persistent5("c")); // [MQTT-3.1.3-9]
        harness.advance(java.time.Duration.ofSeconds(60));
        assertThat(first.isClosed()).isTrue();
        assertThat(watcher.received(Publish.class)).isEmpty();
    }

    @Test
    void connectionClosedBeforeItsConnAckLeavesTheSessionOfflineAndResumable() {
        TestClient first = harness.client(harness.loopA);
        first.connect(persistent5("c"));
        TestClient second = harness.client(harness.loopB);
        // CONNECT, then the socket closes before the hand-over task reaches loop B
        harness.loopB.execute(() -> {
            second.inbound().receive(persistent5("c"));
            second.inbound().closed();
        });
        harness.runAll();
        assertThat(second.received(ConnAck.class)).isEmpty();
        TestClient third = harness.client(harness.loopA);
        assertThat(third.connect(persistent5("c")).sessionPresent()).isTrue();
    }
}
