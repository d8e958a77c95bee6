package io.cicada.tests.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.cicada.mqtt.packet.Disconnect;
import io.cicada.mqtt.packet.MqttVersion;
import io.cicada.mqtt.packet.Payload;
import io.cicada.mqtt.packet.Properties;
import io.cicada.mqtt.packet.PubAck;
import io.cicada.mqtt.packet.Publish;
import io.cicada.testkit.CicadaBroker;
import io.cicada.testkit.RawMqttClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * MQTT 3.1.1 CleanSession at packet level: what a CleanSession 0 session keeps while its client is away, what
 * CleanSession 1 throws away, and retained messages outliving every session (3.1.1 §3.1.2.4, §4.1).
 */
class CleanSessionConformanceTest {
    @RegisterExtension
    static CicadaBroker broker = CicadaBroker.create();

    static final Duration WAIT = Duration.ofSeconds(5);

    private static Publish publish(String topic, int qos, boolean retain, int packetId, String text) {
        return new Publish(topic, qos, false, retain, packetId, Properties.EMPTY, Payload.utf8(text));
    }

    @Test
    void cleanSession0KeepsQos1And2WhileAwayAndCleanSession1DiscardsTheSession() {
        try (RawMqttClient pub = broker.rawClient()) {
            pub.connect(MqttVersion.MQTT_3_1_1, "cs-pub", true, 60);
            RawMqttClient sub = broker.rawClient();
            sub.connect(MqttVersion.MQTT_3_1_1, "cs-sub", false, 60);
            sub.subscribe("cs/t", 1);
            // [MQTT-4.1.0-2@3.1.1] while connected the session is there: a live message arrives
            pub.send(publish("cs/t", 0, false, 0, "live"), MqttVersion.MQTT_3_1_1);
            assertThat(sub.receive(Publish.class, WAIT).payload().asUtf8()).isEqualTo("live");
            sub.send(Disconnect.NORMAL, MqttVersion.MQTT_3_1_1);
            sub.close();

            pub.send(publish("cs/t", 1, false, 1, "while-away"), MqttVersion.MQTT_3_1_1);
            pub.receive(PubAck.class, WAIT);
            sub = broker.rawClient();
            assertThat(sub.connect(MqttVersion.MQTT_3_1_1, "cs-sub", false, 60).sessionPresent())
                    .isTrue();
            // [MQTT-3.1.2-5@3.1.1] the QoS 1 message that matched while the client was away was kept for it,
            // [MQTT-4.1.0-1@3.1.1] with the subscription: the session state lasted across the connections
            Publish kept = sub.receive(Publish.class, WAIT);
            assertThat(kept.payload().asUtf8()).isEqualTo("while-away");
            sub.send(new PubAck(kept.packetId()), MqttVersion.MQTT_3_1_1);
            sub.send(Disconnect.NORMAL, MqttVersion.MQTT_3_1_1);
            sub.close();

            sub = broker.rawClient();
            // [MQTT-3.1.2-6@3.1.1] CleanSession 1 discards the session: no Session Present, no subscription
            assertThat(sub.connect(MqttVersion.MQTT_3_1_1, "cs-sub", true, 60).sessionPresent())
                    .isFalse();
            pub.send(publish("cs/t", 0, false, 0, "not-for-you"), MqttVersion.MQTT_3_1_1);
            sub.expectNothing(Duration.ofMillis(500));
            sub.close();
        }
    }

    @Test
    void retainedMessagesOutliveTheSessionThatPublishedThem() {
        try (RawMqttClient publisher = broker.rawClient()) {
            publisher.connect(MqttVersion.MQTT_3_1_1, "cs-retainer", true, 60);
            publisher.send(publish("cs/retained", 1, true, 1, "stays"), MqttVersion.MQTT_3_1_1);
            publisher.receive(PubAck.class, WAIT);
            publisher.send(Disconnect.NORMAL, MqttVersion.MQTT_3_1_1);
        } // the CleanSession 1 session ended with its connection
        try (RawMqttClient late = broker.rawClient()) {
            late.connect(MqttVersion.MQTT_3_1_1, "cs-late", true, 60);
            late.subscribe("cs/retained", 0);
            Publish retained = late.receive(Publish.class, WAIT);
            // [MQTT-3.1.2-7@3.1.1] not deleted with the session; [MQTT-3.3.1-8@3.1.1] RETAIN 1 for a new subscription
            assertThat(retained.payload().asUtf8()).isEqualTo("stays");
            assertThat(retained.retain()).isTrue();
            late.send(publish("cs/retained", 0, true, 0, ""), MqttVersion.MQTT_3_1_1);
        }
    }
}
