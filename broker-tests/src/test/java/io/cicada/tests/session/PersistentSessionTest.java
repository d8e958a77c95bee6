package io.cicada.tests.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.cicada.mqtt.packet.ConnAck;
import io.cicada.mqtt.packet.Connect;
import io.cicada.mqtt.packet.Disconnect;
import io.cicada.mqtt.packet.MqttVersion;
import io.cicada.mqtt.packet.Payload;
import io.cicada.mqtt.packet.Properties;
import io.cicada.mqtt.packet.PubAck;
import io.cicada.mqtt.packet.PubComp;
import io.cicada.mqtt.packet.PubRec;
import io.cicada.mqtt.packet.PubRel;
import io.cicada.mqtt.packet.Publish;
import io.cicada.testkit.CicadaBroker;
import io.cicada.testkit.RawMqttClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** MQTT 3.1.1 clean session 0: subscriptions and QoS 1/2 messages survive a disconnect; clean session 1 drops them. */
class PersistentSessionTest {
    @RegisterExtension
    static CicadaBroker broker = CicadaBroker.create();

    static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void queuedMessagesAreDeliveredWhenThePersistentSessionReconnects() {
        try (RawMqttClient sub = broker.rawClient()) {
            assertThat(sub.connect(MqttVersion.MQTT_3_1_1, "persist", false, 60).sessionPresent())
                    .isFalse();
            sub.subscribe("persist/t", 1);
            sub.send(Disconnect.NORMAL);
        }
        publish("persist/t", 1, "while away");
        try (RawMqttClient sub = broker.rawClient()) {
            ConnAck ack = sub.connect(MqttVersion.MQTT_3_1_1, "persist", false, 60);
            // [MQTT-3.2.2-2] resumed session: Session Present 1
            assertThat(ack.sessionPresent()).isTrue();
            // [MQTT-3.1.2-5] QoS 1/2 messages for the session's subscriptions were stored while it was away
            Publish p = sub.receive(Publish.class, WAIT);
            assertThat(p.payload().asUtf8()).isEqualTo("while away");
            assertThat(p.qos()).isEqualTo(1);
            sub.send(new PubAck(p.packetId()));
            // the subscription itself survived [MQTT-3.1.2-4]
            publish("persist/t", 1, "now online");
            assertThat(sub.receive(Publish.class, WAIT).payload().asUtf8()).isEqualTo("now online");
        }
    }

    @Test
    void qos0MessagesAreNotQueuedOfflineByDefault() {
        try (RawMqttClient sub = broker.rawClient()) {
            sub.connect(MqttVersion.MQTT_3_1_1, "persist-q0", false, 60);
            sub.subscribe("persist/q0", 1);
            sub.send(Disconnect.NORMAL);
        }
        publish("persist/q0", 0, "qos0 dropped");
        publish("persist/q0", 1, "qos1 kept");
        try (RawMqttClient sub = broker.rawClient()) {
            assertThat(sub.connect(MqttVersion.MQTT_3_1_1, "persist-q0", false, 60)
                            .sessionPresent())
                    .isTrue();
            // §3.1.2.4 (3.1.1): storing QoS 0 is optional; by default (queueQos0Offline=false) Cicada drops them
            assertThat(sub.receive(Publish.class, WAIT).payload().asUtf8()).isEqualTo("qos1 kept");
            sub.expectNothing(Duration.ofMillis(300));
        }
    }

    @Test
    void cleanSessionDiscardsThePreviousSession() {
        try (RawMqttClient sub = broker.rawClient()) {
            sub.connect(MqttVersion.MQTT_3_1_1, "persist-clean", false, 60);
            sub.subscribe("persist/clean", 1);
            sub.send(Disconnect.NORMAL);
        }
        publish("persist/clean", 1, "lost");
        try (RawMqttClient sub = broker.rawClient()) {
            // [MQTT-3.1.2-6] clean session 1: discard the previous session; [MQTT-3.2.2-1] Session Present 0
            assertThat(sub.connect(MqttVersion.MQTT_3_1_1, "persist-clean", true, 60)
                            .sessionPresent())
                    .isFalse();
            sub.expectNothing(Duration.ofMillis(300));
            publish("persist/clean", 1, "no subscription any more");
            sub.expectNothing(Duration.ofMillis(300));
        }
    }

    @Test
    void unacknowledgedQos1IsResentWithDupOnReconnect() {
        Publish first;
        try (RawMqttClient sub = broker.rawClient()) {
            sub.connect(MqttVersion.MQTT_3_1_1, "persist-dup", false, 60);
            sub.subscribe("persist/dup", 1);
            publish("persist/dup", 1, "ack me");
            first = sub.receive(Publish.class, WAIT);
            assertThat(first.dup()).isFalse();
            sub.send(Disconnect.NORMAL); // without PUBACK
        }
        try (RawMqttClient sub = broker.rawClient()) {
            assertThat(sub.connect(MqttVersion.MQTT_3_1_1, "persist-dup", false, 60)
                            .sessionPresent())
                    .isTrue();
            Publish again = sub.receive(Publish.class, WAIT);
            // [MQTT-4.4.0-1] unacknowledged PUBLISH re-sent on reconnect with the original packet id,
            // [MQTT-3.3.1-1] DUP 1 on a re-delivery
            assertThat(again.packetId()).isEqualTo(first.packetId());
            assertThat(again.dup()).isTrue();
            assertThat(again.payload().asUtf8()).isEqualTo("ack me");
            sub.send(new PubAck(again.packetId()));
            sub.expectNothing(Duration.ofMillis(300));
        }
    }

    @Test
    void mqtt5UnacknowledgedQos2IsResentWithDupOnReconnect() {
        Connect persistent = new Connect(
                MqttVersion.MQTT_5,
                "persist-dup5",
                false,
                60,
                null,
                null,
                null,
                Properties.builder().sessionExpiryInterval(60L).build());
        Publish first;
        try (RawMqttClient sub = broker.rawClient()) {
            sub.connect(persistent);
            sub.subscribe("persist/dup5", 2);
            publish("persist/dup5", 2, "twice?");
            first = sub.receive(Publish.class, WAIT);
        } // closed without PUBREC or DISCONNECT
        try (RawMqttClient sub = broker.rawClient()) {
            assertThat(sub.connect(persistent).sessionPresent()).isTrue();
            Publish again = sub.receive(Publish.class, WAIT);
            // [MQTT-4.4.0-1] (5.0): re-sent with the original packet id and DUP 1 [MQTT-3.3.1-1]
            assertThat(again.packetId()).isEqualTo(first.packetId());
            assertThat(again.dup()).isTrue();
            assertThat(again.qos()).isEqualTo(2);
            sub.send(new PubRec(again.packetId()));
            assertThat(sub.receive(PubRel.class, WAIT).packetId()).isEqualTo(again.packetId());
            sub.send(new PubComp(again.packetId()));
            sub.expectNothing(Duration.ofMillis(300));
        }
    }

    @Test
    void pubRelIsResentOnReconnectForAMessagePastPubRec() {
        Publish first;
        try (RawMqttClient sub = broker.rawClient()) {
            sub.connect(MqttVersion.MQTT_3_1_1, "persist-rel", false, 60);
            sub.subscribe("persist/rel", 2);
            publish("persist/rel", 2, "two-step");
            first = sub.receive(Publish.class, WAIT);
            sub.send(new PubRec(first.packetId()));
            assertThat(sub.receive(PubRel.class, WAIT).packetId()).isEqualTo(first.packetId());
        } // closed here without PUBCOMP or DISCONNECT
        try (RawMqttClient sub = broker.rawClient()) {
            assertThat(sub.connect(MqttVersion.MQTT_3_1_1, "persist-rel", false, 60)
                            .sessionPresent())
                    .isTrue();
            // [MQTT-4.4.0-1] PUBREL re-sent (not the PUBLISH) for a message already past PUBREC
            PubRel rel = sub.receive(PubRel.class, WAIT);
            assertThat(rel.packetId()).isEqualTo(first.packetId());
            sub.send(new PubComp(rel.packetId()));
            sub.expectNothing(Duration.ofMillis(300));
        }
    }

    static void publish(String topic, int qos, String payload) {
        try (RawMqttClient pub = broker.rawClient()) {
            pub.connect(MqttVersion.MQTT_3_1_1, "persist-publisher", true, 60);
            pub.send(new Publish(topic, qos, false, false, qos == 0 ? 0 : 1, Properties.EMPTY, Payload.utf8(payload)));
            if (qos == 1) {
                pub.receive(PubAck.class, WAIT);
            } else if (qos == 2) {
                pub.receive(PubRec.class, WAIT);
                pub.send(new PubRel(1));
                pub.receive(PubComp.class, WAIT);
            } else {
                pub.send(new Publish(topic + "/sync", 1, false, false, 2, Properties.EMPTY, Payload.EMPTY));
                pub.receive(PubAck.class, WAIT); // the QoS 0 publish before it has been processed
            }
            pub.send(Disconnect.NORMAL);
        }
    }
}
