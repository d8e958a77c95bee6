package io.cicada.tests.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.cicada.mqtt.packet.Connect;
import io.cicada.mqtt.packet.MqttVersion;
import io.cicada.mqtt.packet.Payload;
import io.cicada.mqtt.packet.Properties;
import io.cicada.mqtt.packet.PubAck;
import io.cicada.mqtt.packet.PubComp;
import io.cicada.mqtt.packet.PubRec;
import io.cicada.mqtt.packet.PubRel;
import io.cicada.mqtt.packet.Publish;
import io.cicada.mqtt.packet.ReasonCode;
import io.cicada.testkit.CicadaBroker;
import io.cicada.testkit.RawMqttClient;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The QoS 1 and 2 acknowledgement exchanges at packet level, both directions: packet identifiers, reason codes, DUP
 * flags, what counts as a new message and what is re-sent when a session resumes (5.0 §4.3, §4.4; §2.2.1).
 */
class AckConformanceTest {
    @RegisterExtension
    static CicadaBroker broker = CicadaBroker.create();

    static final Duration WAIT = Duration.ofSeconds(5);

    private static Publish publish(String topic, int qos, boolean dup, int packetId, String text) {
        return new Publish(topic, qos, dup, false, packetId, Properties.EMPTY, Payload.utf8(text));
    }

    private static Connect persistent(String clientId) {
        return new Connect(
                MqttVersion.MQTT_5,
                clientId,
                false,
                60,
                null,
                null,
                null,
                Properties.builder().sessionExpiryInterval(300L).build());
    }

    @Test
    void serverPublishesCarryUnusedNonZeroIdsAndADupFlagOfTheirOwn() {
        try (RawMqttClient sub = broker.rawClient();
                RawMqttClient pub = broker.rawClient()) {
            sub.connect(MqttVersion.MQTT_5, "ids-sub", true, 60);
            sub.subscribe("ids/t", 1);
            pub.connect(MqttVersion.MQTT_5, "ids-pub", true, 60);
            Set<Integer> ids = new HashSet<>();
            for (int i = 1; i <= 5; i++) {
                // the publisher marks its packets DUP; that flag is not carried over
                pub.send(publish("ids/t", 1, true, i, "m" + i));
                PubAck ack = pub.receive(PubAck.class, WAIT);
                // [MQTT-2.2.1-5] the PUBACK carries the PUBLISH's identifier; [MQTT-3.4.2-1] a PUBACK code
                assertThat(ack.packetId()).isEqualTo(i);
                assertThat(ack.reasonCode()).isIn(ReasonCode.SUCCESS, ReasonCode.NO_MATCHING_SUBSCRIBERS);
            }
            for (int i = 1; i <= 5; i++) {
                Publish in = sub.receive(Publish.class, WAIT);
                // [MQTT-2.2.1-4] non-zero and not in use (none is acknowledged yet, so all differ)
                assertThat(in.packetId()).isNotZero();
                assertThat(ids.add(in.packetId())).isTrue();
                // [MQTT-3.3.1-3] [MQTT-4.3.2-2] a first transmission has DUP 0, whatever the publisher sent
                assertThat(in.dup()).isFalse();
                assertThat(in.qos()).isEqualTo(1);
            }
        }
    }

    @Test
    void samePacketIdAfterPubAckOrPubCompIsANewMessage() {
        try (RawMqttClient sub = broker.rawClient();
                RawMqttClient pub = broker.rawClient()) {
            sub.connect(MqttVersion.MQTT_5, "newmsg-sub", true, 60);
            sub.subscribe("newmsg/#", 0);
            pub.connect(MqttVersion.MQTT_5, "newmsg-pub", true, 60);
            pub.send(publish("newmsg/1", 1, false, 9, "a"));
            assertThat(pub.receive(PubAck.class, WAIT).packetId()).isEqualTo(9);
            pub.send(publish("newmsg/1", 1, true, 9, "b"));
            assertThat(pub.receive(PubAck.class, WAIT).packetId()).isEqualTo(9);
            // [MQTT-3.3.4-1] QoS 1 was answered by PUBACK (and QoS 2 below by PUBREC)
            // [MQTT-4.3.2-5] after the PUBACK the same identifier, even with DUP 1, is a new message
            assertThat(sub.receive(Publish.class, WAIT).payload().asUtf8()).isEqualTo("a");
            assertThat(sub.receive(Publish.class, WAIT).payload().asUtf8()).isEqualTo("b");

            pub.send(publish("newmsg/2", 2, false, 10, "c"));
            PubRec rec = pub.receive(PubRec.class, WAIT);
            // [MQTT-4.3.3-8] [MQTT-2.2.1-5] PUBREC with the PUBLISH's identifier, [MQTT-3.5.2-1] a PUBREC code
            assertThat(rec.packetId()).isEqualTo(10);
            assertThat(rec.reasonCode()).isIn(ReasonCode.SUCCESS, ReasonCode.NO_MATCHING_SUBSCRIBERS);
            pub.send(new PubRel(10));
            PubComp comp = pub.receive(PubComp.class, WAIT);
            // [MQTT-3.7.2-1] a PUBCOMP code
            assertThat(comp.packetId()).isEqualTo(10);
            assertThat(comp.reasonCode()).isEqualTo(ReasonCode.SUCCESS);
            pub.send(publish("newmsg/2", 2, false, 10, "d"));
            assertThat(pub.receive(PubRec.class, WAIT).packetId()).isEqualTo(10);
            pub.send(new PubRel(10));
            assertThat(pub.receive(PubComp.class, WAIT).packetId()).isEqualTo(10);
            // [MQTT-4.3.3-12] after the PUBCOMP the same identifier is a new message
            assertThat(sub.receive(Publish.class, WAIT).payload().asUtf8()).isEqualTo("c");
            assertThat(sub.receive(Publish.class, WAIT).payload().asUtf8()).isEqualTo("d");
        }
    }

    @Test
    void outboundQos2IsResentUntilPubRecThenOnlyThePubRelUntilPubComp() {
        try (RawMqttClient pub = broker.rawClient()) {
            pub.connect(MqttVersion.MQTT_5, "q2-pub", true, 60);
            RawMqttClient sub = broker.rawClient();
            sub.connect(MqttVersion.MQTT_3_1_1, "q2-sub", false, 60);
            sub.subscribe("q2/t", 2);
            pub.send(publish("q2/t", 2, false, 1, "once"));
            pub.receive(PubRec.class, WAIT);
            pub.send(new PubRel(1));
            pub.receive(PubComp.class, WAIT);
            Publish first = sub.receive(Publish.class, WAIT);
            sub.close(); // no PUBREC: [MQTT-4.3.3-3] the PUBLISH stays unacknowledged

            sub = broker.rawClient();
            // [MQTT-3.1.3-2] [MQTT-3.1.4-4] [MQTT-3.1.3-2@3.1.1] [MQTT-3.1.4-3@3.1.1] the client id finds the session
            assertThat(sub.connect(MqttVersion.MQTT_3_1_1, "q2-sub", false, 60).sessionPresent())
                    .isTrue();
            Publish again = sub.receive(Publish.class, WAIT);
            assertThat(again.packetId()).isEqualTo(first.packetId());
            assertThat(again.dup()).isTrue();
            sub.send(new PubRec(again.packetId()), MqttVersion.MQTT_3_1_1);
            PubRel rel = sub.receive(PubRel.class, WAIT);
            // [MQTT-2.3.1-6@3.1.1] the PUBREL repeats the identifier
            assertThat(rel.packetId()).isEqualTo(first.packetId());
            sub.close(); // no PUBCOMP: [MQTT-4.3.3-5] the PUBREL stays unacknowledged

            sub = broker.rawClient();
            sub.connect(MqttVersion.MQTT_3_1_1, "q2-sub", false, 60);
            // [MQTT-4.3.3-6] once PUBREL was sent the PUBLISH is never sent again: only the PUBREL comes back
            PubRel relAgain = sub.receive(PubRel.class, WAIT);
            assertThat(relAgain.packetId()).isEqualTo(first.packetId());
            sub.send(new PubComp(relAgain.packetId()), MqttVersion.MQTT_3_1_1);
            sub.expectNothing(Duration.ofMillis(500));
            sub.close();
        }
    }

    @Test
    void mqtt5PubRelFromTheServerUsesAPubRelCode() {
        try (RawMqttClient pub = broker.rawClient();
                RawMqttClient sub = broker.rawClient()) {
            pub.connect(MqttVersion.MQTT_5, "q2-5-pub", true, 60);
            sub.connect(MqttVersion.MQTT_5, "q2-5-sub", true, 60);
            sub.subscribe("q2/five", 2);
            pub.send(publish("q2/five", 2, false, 3, "x"));
            Publish in = sub.receive(Publish.class, WAIT);
            sub.send(new PubRec(in.packetId()));
            PubRel rel = sub.receive(PubRel.class, WAIT);
            // [MQTT-3.6.2-1] a PUBREL code, [MQTT-2.2.1-5] with the PUBLISH's identifier
            assertThat(rel.reasonCode()).isEqualTo(ReasonCode.SUCCESS);
            assertThat(rel.packetId()).isEqualTo(in.packetId());
            sub.send(new PubComp(rel.packetId()));
            sub.expectNothing(Duration.ofMillis(300));
        }
    }

    @Test
    void errorPubAckCountsAsAcknowledgedAndIsNotResent() {
        try (RawMqttClient pub = broker.rawClient()) {
            pub.connect(MqttVersion.MQTT_5, "err-pub", true, 60);
            RawMqttClient sub = broker.rawClient();
            sub.connect(persistent("err-sub"));
            sub.subscribe("err/t", 1);
            pub.send(publish("err/t", 1, false, 1, "refused"));
            Publish in = sub.receive(Publish.class, WAIT);
            sub.send(new PubAck(in.packetId(), ReasonCode.UNSPECIFIED_ERROR, Properties.EMPTY));
            sub.send(new io.cicada.mqtt.packet.PingReq()); // the PUBACK is processed once the PINGRESP is back
            sub.receive(io.cicada.mqtt.packet.PingResp.class, WAIT);
            sub.close();
            sub = broker.rawClient();
            assertThat(sub.connect(persistent("err-sub")).sessionPresent()).isTrue();
            // [MQTT-4.4.0-2] a PUBACK of 0x80 or above acknowledged the PUBLISH: it is not re-sent
            sub.expectNothing(Duration.ofMillis(700));
            sub.close();
        }
    }

    @Test
    void aQos2MessageWhoseExpiryPassesAfterItWasSentIsStillResent() {
        try (RawMqttClient pub = broker.rawClient()) {
            pub.connect(MqttVersion.MQTT_5, "q2-exp-pub", true, 60);
            RawMqttClient sub = broker.rawClient();
            sub.connect(persistent("q2-exp-sub"));
            sub.subscribe("q2exp/t", 2);
            pub.send(new Publish(
                    "q2exp/t",
                    2,
                    false,
                    false,
                    1,
                    Properties.builder().messageExpiryInterval(1L).build(),
                    Payload.utf8("short-lived")));
            pub.receive(PubRec.class, WAIT);
            pub.send(new PubRel(1));
            pub.receive(PubComp.class, WAIT);
            Publish first = sub.receive(Publish.class, WAIT);
            sub.close(); // no PUBREC: the PUBLISH was sent and stays unacknowledged
            pub.expectNothing(Duration.ofMillis(1_500)); // the message's 1 s expiry passes meanwhile

            sub = broker.rawClient();
            assertThat(sub.connect(persistent("q2-exp-sub")).sessionPresent()).isTrue();
            // [MQTT-4.3.3-7] once a QoS 2 PUBLISH has been sent, message expiry no longer applies to it: it is resent
            Publish again = sub.receive(Publish.class, WAIT);
            assertThat(again.packetId()).isEqualTo(first.packetId());
            assertThat(again.dup()).isTrue();
            assertThat(again.payload().asUtf8()).isEqualTo("short-lived");
            sub.send(new PubRec(again.packetId()));
            assertThat(sub.receive(PubRel.class, WAIT).packetId()).isEqualTo(first.packetId());
            sub.send(new PubComp(first.packetId()));
            sub.close();
        }
    }
}
