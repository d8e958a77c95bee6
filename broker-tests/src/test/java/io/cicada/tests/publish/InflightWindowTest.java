package io.cicada.tests.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.cicada.mqtt.packet.Connect;
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

/** Outbound QoS 1/2 messages in flight are limited; the rest wait in order until acknowledgements free the window. */
class InflightWindowTest {
    @RegisterExtension
    static CicadaBroker broker = CicadaBroker.create().withSettings(s -> s.maxInflightMessages(2));

    static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void messagesBeyondTheWindowWaitForAcknowledgements() {
        try (RawMqttClient sub = broker.rawClient();
                RawMqttClient pub = broker.rawClient()) {
            sub.connect(MqttVersion.MQTT_3_1_1, "window-sub", true, 60);
            sub.subscribe("window/t", 1);
            pub.connect(MqttVersion.MQTT_3_1_1, "window-pub", true, 60);
            for (int i = 1; i <= 4; i++) {
                pub.send(new Publish("window/t", 1, false, false, i, Properties.EMPTY, Payload.utf8("m" + i)));
            }
            Publish first = sub.receive(Publish.class, WAIT);
            Publish second = sub.receive(Publish.class, WAIT);
            assertThat(first.payload().asUtf8()).isEqualTo("m1");
            assertThat(second.payload().asUtf8()).isEqualTo("m2");
            sub.expectNothing(Duration.ofMillis(400)); // window of 2 is full
            sub.send(new PubAck(first.packetId()));
            // [MQTT-4.6.0-6] (3.1.1) / [MQTT-4.6.0-6] (5.0): delivered in the order published
            Publish third = sub.receive(Publish.class, WAIT);
            assertThat(third.payload().asUtf8()).isEqualTo("m3");
            sub.expectNothing(Duration.ofMillis(300));
            sub.send(new PubAck(second.packetId()));
            sub.send(new PubAck(third.packetId()));
            assertThat(sub.receive(Publish.class, WAIT).payload().asUtf8()).isEqualTo("m4");
        }
    }

    @Test
    void clientReceiveMaximumLimitsTheWindowFurther() {
        try (RawMqttClient sub = broker.rawClient();
                RawMqttClient pub = broker.rawClient()) {
            sub.connect(new Connect(
                    MqttVersion.MQTT_5,
                    "window-rm",
                    true,
                    60,
                    null,
                    null,
                    null,
                    Properties.builder().receiveMaximum(1).build()));
            sub.subscribe("window/rm", 1);
            pub.connect(MqttVersion.MQTT_5, "window-rm-pub", true, 60);
            for (int i = 1; i <= 2; i++) {
                pub.send(new Publish("window/rm", 1, false, false, i, Properties.EMPTY, Payload.utf8("r" + i)));
            }
            Publish first = sub.receive(Publish.class, WAIT);
            // [MQTT-3.3.4-7] (5.0): the server MUST NOT send more unacknowledged QoS>0 PUBLISHes than Receive Maximum
            sub.expectNothing(Duration.ofMillis(400));
            sub.send(new PubAck(first.packetId()));
            assertThat(sub.receive(Publish.class, WAIT).payload().asUtf8()).isEqualTo("r2");
        }
    }
}
