package io.cicada.broker.connection;

import static io.cicada.broker.connection.Packets.connect311;
import static io.cicada.broker.connection.Packets.connect5;
import static io.cicada.broker.connection.Packets.publish;
import static io.cicada.broker.connection.Packets.subscribe;
import static org.assertj.core.api.Assertions.assertThat;

import io.cicada.broker.BrokerSettings;
import io.cicada.mqtt.packet.Disconnect;
import io.cicada.mqtt.packet.MqttVersion;
import io.cicada.mqtt.packet.Payload;
import io.cicada.mqtt.packet.Properties;
import io.cicada.mqtt.packet.PubComp;
import io.cicada.mqtt.packet.PubRec;
import io.cicada.mqtt.packet.PubRel;
import io.cicada.mqtt.packet.Publish;
import io.cicada.mqtt.packet.ReasonCode;
import org.junit.jupiter.api.Test;

class PublishFlowQos2Test {
    private final CoreHarness harness = new CoreHarness();

    private TestClient subscriber(int qos) {
        TestClient sub = harness.client(harness.loopB);
        sub.connect(Packets.connect(MqttVersion.MQTT_3_1_1, "s", false));
        sub.send(subscribe(1, "t", qos));
        sub.clear();
        return sub;
    }

    @Test
    void inboundQos2IsPubRecThenPubRelThenPubComp() {
        TestClient pub = harness.client();
        pub.connect(connect311("p"));
        pub.send(publish("t", 2, 5, "x"));
        assertThat(pub.last(PubRec.class)).isEqualTo(new PubRec(5));
        pub.send(new PubRel(5));
        assertThat(pub.last(PubComp.class)).isEqualTo(new PubComp(5));
    }

    @Test
    void duplicateQos2PublishBeforePubRelIsNotRoutedAgain() {
        TestClient sub = subscriber(2);
        TestClient pub = harness.client();
        pub.connect(connect311("p"));
        Publish original = publish("t", 2, 5, "x");
        pub.send(original);
        pub.send(new Publish("t", 2, true, false, 5, Properties.EMPTY, Payload.utf8("x")));
        assertThat(pub.received(PubRec.class)).hasSize(2); // [MQTT-4.3.3-9]
        assertThat(sub.received(Publish.class)).hasSize(1);
        pub.send(new PubRel(5));
        pub.send(original); // after PUBREL the id is free: a new message
        assertThat(sub.received(Publish.class)).hasSize(2);
    }

    @Test
    void pubRelForAnUnknownIdGetsPubComp0x92InMqtt5() {
        TestClient pub = harness.client();
        pub.connect(connect5("p"));
        pub.send(new PubRel(9));
        assertThat(pub.last(PubComp.class).reasonCode()).isEqualTo(ReasonCode.PACKET_IDENTIFIER_NOT_FOUND);
    }

    @Test
    void moreUnreleasedQos2ThanReceiveMaximumIsDisconnectedWith0x93() {
        CoreHarness h = new CoreHarness(
                BrokerSettings.builder().sysIntervalSeconds(0).receiveMaximum(2).build());
        TestClient pub = h.client();
        pub.connect(connect5("p"));
        pub.send(publish("t", 2, 1, "1"), publish("t", 2, 2, "2"));
        assertThat(pub.isClosed()).isFalse();
        pub.send(publish("t", 2, 3, "3")); // [MQTT-3.3.4-7]
        assertThat(pub.last(Disconnect.class).reasonCode()).isEqualTo(ReasonCode.RECEIVE_MAXIMUM_EXCEEDED);
    }

    @Test
    void outboundQos2RunsTheFullHandshake() {
        TestClient sub = subscriber(2);
        TestClient pub = harness.client();
        pub.connect(connect311("p"));
        pub.send(publish("t", 2, 1, "x"));
        Publish delivered = sub.last(Publish.class);
        assertThat(delivered.qos()).isEqualTo(2);
        sub.send(new PubRec(delivered.packetId()));
        assertThat(sub.last(PubRel.class).packetId()).isEqualTo(delivered.packetId());
        sub.send(new PubComp(delivered.packetId()));
        assertThat(harness.core.connectedClients()).isEqualTo(2);
    }

    @Test
    void pubRelIsResentOnReconnectForMessagesPastPubRec() {
        TestClient sub = subscriber(2);
        TestClient pub = harness.client();
        pub.connect(connect311("p"));
        pub.send(publish("t", 2, 1, "released"), publish("t", 2, 2, "unacknowledged"));
        int releasedId = sub.received(Publish.class).get(0).packetId();
        int pendingId = sub.received(Publish.class).get(1).packetId();
        sub.send(new PubRec(releasedId));
        sub.dropConnection();
        TestClient again = harness.client(harness.loopB);
        again.connect(Packets.connect(MqttVersion.MQTT_3_1_1, "s", false));
        // [MQTT-4.4.0-1] PUBREL for the one past PUBREC, PUBLISH with DUP for the other, in the original order
        assertThat(again.received(PubRel.class)).extracting(PubRel::packetId).containsExactly(releasedId);
        Publish resent = again.last(Publish.class);
        assertThat(resent.packetId()).isEqualTo(pendingId);
        assertThat(resent.dup()).isTrue();
        again.send(new PubComp(releasedId), new PubRec(pendingId));
        assertThat(again.last(PubRel.class).packetId()).isEqualTo(pendingId);
    }

    @Test
    void pubRecWithAnErrorCodeEndsTheFlowInMqtt5() {
        TestClient sub = harness.client(harness.loopB);
        sub.connect(connect5("s"));
        sub.send(subscribe(1, "t", 2));
        TestClient pub = harness.client();
        pub.connect(connect311("p"));
        pub.send(publish("t", 2, 1, "x"));
        int id = sub.last(Publish.class).packetId();
        sub.send(new PubRec(id, ReasonCode.QUOTA_EXCEEDED, Properties.EMPTY));
        assertThat(sub.received(PubRel.class)).isEmpty();
    }

    @Test
    void pubRecForAnUnknownIdGetsPubRel0x92InMqtt5() {
        TestClient client = harness.client();
        client.connect(connect5("c"));
        client.send(new PubRec(77));
        PubRel answer = client.last(PubRel.class);
        assertThat(answer.packetId()).isEqualTo(77);
        assertThat(answer.reasonCode()).isEqualTo(ReasonCode.PACKET_IDENTIFIER_NOT_FOUND);
    }

    @Test
    void refusedQos2PublishGetsPubRecWithTheReasonAndIsNotHeld() {
        TestClient pub = harness.client();
        pub.connect(connect5("p"));
        pub.send(publish("$SYS/fake", 2, 4, "x"));
        assertThat(pub.last(PubRec.class).reasonCode()).isEqualTo(ReasonCode.NOT_AUTHORIZED);
        pub.send(new PubRel(4));
        assertThat(pub.last(PubComp.class).reasonCode()).isEqualTo(ReasonCode.PACKET_IDENTIFIER_NOT_FOUND);
    }
}
