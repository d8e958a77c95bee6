package io.cicada.broker.connection;

import static io.cicada.broker.connection.Packets.connect311;
import static io.cicada.broker.connection.Packets.connect5;
import static io.cicada.broker.connection.Packets.publish;
import static io.cicada.broker.connection.Packets.subscribe;
import static org.assertj.core.api.Assertions.assertThat;

import io.cicada.broker.BrokerSettings;
import io.cicada.mqtt.packet.MqttVersion;
import io.cicada.mqtt.packet.Properties;
import io.cicada.mqtt.packet.PubAck;
import io.cicada.mqtt.packet.Publish;
import io.cicada.mqtt.packet.ReasonCode;
import org.junit.jupiter.api.Test;

class PublishFlowQos1Test {
    private final CoreHarness harness = new CoreHarness();

    @Test
    void qos1PublishIsAcknowledgedWithPubAck() {
        TestClient pub = harness.client();
        pub.connect(connect311("p"));
        pub.send(publish("t", 1, 7, "x"));
        assertThat(pub.last(PubAck.class)).isEqualTo(new PubAck(7));
    }

    @Test
    void qos1PublishToSysTopicGetsNotAuthorizedInMqtt5() {
        TestClient pub = harness.client();
        pub.connect(connect5("p"));
        pub.send(publish("$SYS/x", 1, 7, "x"));
        assertThat(pub.last(PubAck.class).reasonCode()).isEqualTo(ReasonCode.NOT_AUTHORIZED);
    }

    @Test
    void deliveryQosIsTheLowerOfPublishedAndGranted() {
        TestClient sub0 = harness.client(harness.loopB);
        sub0.connect(connect311("s0"));
        sub0.send(subscribe(1, "t", 0));
        TestClient sub2 = harness.client(harness.loopB);
        sub2.connect(connect311("s2"));
        sub2.send(subscribe(1, "t", 2));
        TestClient pub = harness.client();
        pub.connect(connect311("p"));
        pub.send(publish("t", 1, 1, "x"));
        assertThat(sub0.last(Publish.class).qos()).isZero(); // [MQTT-3.8.4-6]
        Publish atQos1 = sub2.last(Publish.class);
        assertThat(atQos1.qos()).isEqualTo(1);
        assertThat(atQos1.packetId()).isPositive();
    }

    @Test
    void outboundQos1WaitsForPubAckAndTheWindowHoldsTheRest() {
        CoreHarness small = new CoreHarness(BrokerSettings.builder()
                .sysIntervalSeconds(0)
                .maxInflightMessages(2)
                .build());
        TestClient sub = small.client(small.loopB);
        sub.connect(connect311("s"));
        sub.send(subscribe(1, "t", 1));
        TestClient pub = small.client();
        pub.connect(connect311("p"));
        pub.send(publish("t", 1, 1, "1"), publish("t", 1, 2, "2"), publish("t", 1, 3, "3"));
        assertThat(sub.received(Publish.class))
                .extracting(p -> p.payload().asUtf8())
                .containsExactly("1", "2");
        int firstId = sub.received(Publish.class).get(0).packetId();
        sub.send(new PubAck(firstId));
        assertThat(sub.received(Publish.class))
                .extracting(p -> p.payload().asUtf8())
                .containsExactly("1", "2", "3");
    }

    @Test
    void clientReceiveMaximumLimitsTheInflightWindow() {
        TestClient sub = harness.client(harness.loopB);
        sub.connect(Packets.connect5(
                "s", true, Properties.builder().receiveMaximum(1).build()));
        sub.send(subscribe(1, "t", 1));
        TestClient pub = harness.client();
        pub.connect(connect311("p"));
        pub.send(publish("t", 1, 1, "1"), publish("t", 1, 2, "2"));
        assertThat(sub.received(Publish.class)).hasSize(1); // [MQTT-3.3.4-9]
        sub.send(new PubAck(sub.last(Publish.class).packetId()));
        assertThat(sub.received(Publish.class)).hasSize(2);
    }

    @Test
    void packetIdsAreUniqueAmongInflightMessages() {
        TestClient sub = harness.client(harness.loopB);
        sub.connect(connect311("s"));
        sub.send(subscribe(1, "t", 1));
        TestClient pub = harness.client();
        pub.connect(connect311("p"));
        for (int i = 0; i < 20; i++) {
            pub.send(publish("t", 1, i + 1, "m" + i));
        }
        assertThat(sub.received(Publish.class))
                .extracting(Publish::packetId)
                .doesNotHaveDuplicates()
                .hasSize(20);
    }

    @Test
    void unacknowledgedQos1IsResentWithDupAfterReconnect() {
        TestClient sub = harness.client(harness.loopB);
        sub.connect(Packets.connect(MqttVersion.MQTT_3_1_1, "s", false));
        sub.send(subscribe(1, "t", 1));
        TestClient pub = harness.client();
        pub.connect(connect311("p"));
        pub.send(publish("t", 1, 1, "x"));
        Publish first = sub.last(Publish.class);
        assertThat(first.dup()).isFalse();
        sub.dropConnection();
        TestClient again = harness.client(harness.loopB);
        again.connect(Packets.connect(MqttVersion.MQTT_3_1_1, "s", false));
        Publish resent = again.last(Publish.class); // [MQTT-4.4.0-1]
        assertThat(resent.dup()).isTrue();
        assertThat(resent.packetId()).isEqualTo(first.packetId());
        assertThat(resent.payload()).isEqualTo(first.payload());
    }

    @Test
    void messageLargerThanTheClientsMaximumPacketSizeIsDiscarded() {
        TestClient sub = harness.client(harness.loopB);
        sub.connect(Packets.connect5(
                "s",
                true,
                Properties.builder().maximumPacketSize(40L).receiveMaximum(1).build()));
        sub.send(subscribe(1, "t", 1));
        TestClient pub = harness.client();
        pub.connect(connect311("p"));
        pub.send(publish("t", 1, 1, "x".repeat(100)), publish("t", 1, 2, "small"));
        // [MQTT-3.1.2-25] the big one is dropped as if delivered, so it does not block the window of 1
        assertThat(sub.received(Publish.class))
                .extracting(p -> p.payload().asUtf8())
                .containsExactly("small");
        assertThat(harness.core.stats().messagesDropped()).isEqualTo(1);
    }
}
