package io.cicada.tests.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.cicada.mqtt.packet.ConnAck;
import io.cicada.mqtt.packet.Disconnect;
import io.cicada.mqtt.packet.MqttVersion;
import io.cicada.mqtt.packet.Payload;
import io.cicada.mqtt.packet.Properties;
import io.cicada.mqtt.packet.Publish;
import io.cicada.mqtt.packet.ReasonCode;
import io.cicada.testkit.CicadaBroker;
import io.cicada.testkit.RawMqttClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A broker with {@code maximumQos=1} and {@code retainAvailable=false}: advertised in CONNACK and enforced. */
class FeatureLimitsTest {
    @RegisterExtension
    static CicadaBroker broker =
            CicadaBroker.create().withSettings(s -> s.maximumQos(1).retainAvailable(false));

    static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void connAckAdvertisesMaximumQosAndRetainAvailable() {
        try (RawMqttClient client = broker.rawClient()) {
            ConnAck ack = client.connect(MqttVersion.MQTT_5, "limits-ack", true, 60);
            // §3.2.2.3.4 Maximum QoS, §3.2.2.3.5 Retain Available
            assertThat(ack.properties().maximumQos()).isEqualTo(1);
            assertThat(ack.properties().retainAvailable()).isEqualTo(0);
        }
    }

    @Test
    void subscriptionIsGrantedAtMostTheMaximumQos() {
        try (RawMqttClient client = broker.rawClient()) {
            client.connect(MqttVersion.MQTT_5, "limits-sub", true, 60);
            // [MQTT-3.2.2-9] [MQTT-3.2.2-10] (5.0) / §3.9.3: a SUBSCRIBE for QoS 2 is accepted, granted at most the
            // maximum
            assertThat(client.subscribe("limits/t", 2).reasonCodes()).containsExactly(1);
        }
    }

    @Test
    void qos2PublishAboveMaximumQosIsQosNotSupported() {
        try (RawMqttClient client = broker.rawClient()) {
            client.connect(MqttVersion.MQTT_5, "limits-q2", true, 60);
            client.send(new Publish("limits/t", 2, false, false, 1, Properties.EMPTY, Payload.utf8("x")));
            // [MQTT-3.2.2-12] (5.0): a QoS above Maximum QoS: DISCONNECT 0x9B QoS not supported
            Disconnect disconnect = client.receive(Disconnect.class, WAIT);
            assertThat(disconnect.reasonCode()).isEqualTo(ReasonCode.QOS_NOT_SUPPORTED);
            assertThat(client.awaitClosed(WAIT)).isTrue();
        }
    }

    @Test
    void retainedPublishIsRetainNotSupported() {
        try (RawMqttClient client = broker.rawClient()) {
            client.connect(MqttVersion.MQTT_5, "limits-retain", true, 60);
            client.send(new Publish("limits/t", 0, false, true, 0, Properties.EMPTY, Payload.utf8("x")));
            // [MQTT-3.2.2-14] (5.0): RETAIN 1 when Retain Available is 0: DISCONNECT 0x9A Retain not supported
            Disconnect disconnect = client.receive(Disconnect.class, WAIT);
            assertThat(disconnect.reasonCode()).isEqualTo(ReasonCode.RETAIN_NOT_SUPPORTED);
            assertThat(client.awaitClosed(WAIT)).isTrue();
        }
    }
}
