package io.cicada.tests.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.cicada.mqtt.packet.MqttVersion;
import io.cicada.mqtt.packet.Payload;
import io.cicada.mqtt.packet.Properties;
import io.cicada.mqtt.packet.PubComp;
import io.cicada.mqtt.packet.PubRec;
import io.cicada.mqtt.packet.PubRel;
import io.cicada.mqtt.packet.Publish;
import io.cicada.mqtt.packet.ReasonCode;
import io.cicada.testkit.CicadaBroker;
import io.cicada.testkit.RawMqttClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The QoS 2 exchange in both directions, and exactly-once delivery of a re-sent inbound QoS 2 PUBLISH. */
class Qos2FlowTest {
    @RegisterExtension
    static CicadaBroker broker = CicadaBroker.create();

    static final Duration WAIT = Duration.ofSeconds(5);

    @ParameterizedTest
    @EnumSource(
            value = MqttVersion.class,
            names = {"MQTT_3_1_1", "MQTT_5"})
    void inboundQos2GetsPubRecThenPubComp(MqttVersion version) {
        try (RawMqttClient pub = broker.rawClient()) {
            pub.connect(version, "q2-in-" + version.level(), true, 60);
            pub.send(new Publish("q2/in", 2, false, false, 77, Properties.EMPTY, Payload.utf8("two")));
            // [MQTT-4.3.3-9] (5.0) / [MQTT-4.3.3-2] (3.1.1): PUBREC with the PUBLISH's packet id
            PubRec rec = pub.receive(PubRec.class, WAIT);
            assertThat(rec.packetId()).isEqualTo(77);
            assertThat(rec.reasonCode()).isIn(0x00, 0x10);
            pub.send(new PubRel(77));
            // [MQTT-4.3.3-11] (5.0) / [MQTT-4.3.3-2] (3.1.1): PUBCOMP with the same packet id in answer to PUBREL
            PubComp comp = pub.receive(PubComp.class, WAIT);
            assertThat(comp.packetId()).isEqualTo(77);
            assertThat(comp.reasonCode()).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = MqttVersion.class,
            names = {"MQTT_3_1_1", "MQTT_5"})
    void outboundQos2GoesThroughPubRecPubRelPubComp(MqttVersion version) {
        try (RawMqttClient sub = broker.rawClient();
                RawMqttClient pub = broker.rawClient()) {
            String topic = "q2/out/" + version.level();
            sub.connect(version, "q2-sub-" + version.level(), true, 60);
            assertThat(sub.subscribe(topic, 2).reasonCodes()).containsExactly(2);
            pub.connect(version, "q2-pub-" + version.level(), true, 60);
            pub.send(new Publish(topic, 2, false, false, 5, Properties.EMPTY, Payload.utf8("exactly")));
            Publish p = sub.receive(Publish.class, WAIT);
            assertThat(p.qos()).isEqualTo(2);
            assertThat(p.packetId()).isNotZero();
            assertThat(p.dup()).isFalse();
            sub.send(new PubRec(p.packetId()));
            // [MQTT-4.3.3-4] (5.0) / [MQTT-4.3.3-1] (3.1.1): the sender answers PUBREC with PUBREL, same packet id
            PubRel rel = sub.receive(PubRel.class, WAIT);
            assertThat(rel.packetId()).isEqualTo(p.packetId());
            sub.send(new PubComp(p.packetId()));
            sub.expectNothing(Duration.ofMillis(300));
            pub.receive(PubRec.class, WAIT);
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = MqttVersion.class,
            names = {"MQTT_3_1_1", "MQTT_5"})
    void duplicateQos2PublishBeforePubRelIsDeliveredOnce(MqttVersion version) {
        try (RawMqttClient sub = broker.rawClient();
                RawMqttClient pub = broker.rawClient()) {
            String topic = "q2/once/" + version.level();
            sub.connect(version, "once-sub-" + version.level(), true, 60);
            sub.subscribe(topic, 0);
            pub.connect(version, "once-pub-" + version.level(), true, 60);
            pub.send(new Publish(topic, 2, false, false, 9, Properties.EMPTY, Payload.utf8("once")));
            assertThat(pub.receive(PubRec.class, WAIT).packetId()).isEqualTo(9);
            pub.send(new Publish(topic, 2, true, false, 9, Properties.EMPTY, Payload.utf8("once")));
            // [MQTT-4.3.3-10] (5.0) / [MQTT-4.3.3-2] (3.1.1): until PUBREL, a PUBLISH with the same packet id is
            // acknowledged with PUBREC again and MUST NOT be delivered to onward recipients a second time
            assertThat(pub.receive(PubRec.class, WAIT).packetId()).isEqualTo(9);
            assertThat(sub.receive(Publish.class, WAIT).payload().asUtf8()).isEqualTo("once");
            pub.send(new PubRel(9));
            assertThat(pub.receive(PubComp.class, WAIT).packetId()).isEqualTo(9);
            sub.expectNothing(Duration.ofMillis(400));
        }
    }

    @Test
    void packetIdIsFreeAgainAfterPubComp() {
        try (RawMqttClient sub = broker.rawClient();
                RawMqttClient pub = broker.rawClient()) {
            sub.connect(MqttVersion.MQTT_5, "reuse-sub", true, 60);
            sub.subscribe("q2/reuse", 0);
            pub.connect(MqttVersion.MQTT_5, "reuse-pub", true, 60);
            for (String text : new String[] {"first", "second"}) {
                pub.send(new Publish("q2/reuse", 2, false, false, 3, Properties.EMPTY, Payload.utf8(text)));
                pub.receive(PubRec.class, WAIT);
                pub.send(new PubRel(3));
                pub.receive(PubComp.class, WAIT);
                // [MQTT-4.3.3-13] (5.0): after PUBREL a PUBLISH with the same packet id is a new message
                assertThat(sub.receive(Publish.class, WAIT).payload().asUtf8()).isEqualTo(text);
            }
        }
    }

    @Test
    void pubRelForUnknownPacketIdGetsPacketIdentifierNotFound() {
        try (RawMqttClient client = broker.rawClient()) {
            client.connect(MqttVersion.MQTT_5, "unknown-rel", true, 60);
            client.send(new PubRel(999));
            // 5.0 §3.7.2.1: PUBCOMP reason 0x92 Packet Identifier not found
            PubComp comp = client.receive(PubComp.class, WAIT);
            assertThat(comp.packetId()).isEqualTo(999);
            assertThat(comp.reasonCode()).isEqualTo(ReasonCode.PACKET_IDENTIFIER_NOT_FOUND);
        }
    }

    @Test
    void mqtt311PubRelForUnknownPacketIdStillGetsPubComp() {
        try (RawMqttClient client = broker.rawClient()) {
            client.connect(MqttVersion.MQTT_3_1_1, "unknown-rel-3", true, 60);
            client.send(new PubRel(998));
            // [MQTT-4.3.3-2] (3.1.1): the receiver MUST respond to a PUBREL with a PUBCOMP with the same packet id
            assertThat(client.receive(PubComp.class, WAIT).packetId()).isEqualTo(998);
        }
    }
}
