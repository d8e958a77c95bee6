package io.cicada.tests.malformed;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import io.cicada.mqtt.codec.MqttEncoder;
import io.cicada.mqtt.packet.ConnAck;
import io.cicada.mqtt.packet.Connect;
import io.cicada.mqtt.packet.Disconnect;
import io.cicada.mqtt.packet.MqttPacket;
import io.cicada.mqtt.packet.MqttVersion;
import io.cicada.mqtt.packet.Payload;
import io.cicada.mqtt.packet.Properties;
import io.cicada.mqtt.packet.Publish;
import io.cicada.mqtt.packet.ReasonCode;
import io.cicada.testkit.CicadaBroker;
import io.cicada.testkit.RawMqttClient;
import io.cicada.tests.ThirdPartyClients;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code maxPacketSize} on the way in (0x95) and the client's Maximum Packet Size on the way out. */
class MaxPacketSizeTest {
    @RegisterExtension
    static CicadaBroker broker = CicadaBroker.create().withSettings(s -> s.maxPacketSize(1024));

    static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void connAckAdvertisesMaximumPacketSize() {
        Mqtt5BlockingClient client = ThirdPartyClients.hivemq5(broker, "mps-hivemq");
        try {
            // 5.0 §3.2.2.3.6 Maximum Packet Size
            assertThat(client.connect().getRestrictions().getMaximumPacketSize())
                    .isEqualTo(1024);
        } finally {
            client.disconnect();
        }
    }

    @Test
    void tooLargePublishGetsPacketTooLargeAndClose() {
        try (RawMqttClient client = broker.rawClient()) {
            client.connect(MqttVersion.MQTT_5, "mps-big", true, 60);
            client.send(Publish.qos0("mps/t", Payload.wrap(new byte[2_000])));
            // [MQTT-3.2.2-15] (5.0 §3.2.2.3.6): a packet above the server's maximum: DISCONNECT 0x95
            Disconnect disconnect = client.receive(Disconnect.class, WAIT);
            assertThat(disconnect.reasonCode()).isEqualTo(ReasonCode.PACKET_TOO_LARGE);
            assertThat(client.awaitClosed(WAIT)).isTrue();
        }
    }

    @Test
    void tooLargePublishClosesAnMqtt311Connection() {
        try (RawMqttClient client = broker.rawClient()) {
            client.connect(MqttVersion.MQTT_3_1_1, "mps-big-3", true, 60);
            client.send(Publish.qos0("mps/t", Payload.wrap(new byte[2_000])));
            assertThat(client.awaitClosed(WAIT)).isTrue();
        }
    }

    @Test
    void publishAtTheLimitIsAccepted() {
        try (RawMqttClient client = broker.rawClient()) {
            client.connect(MqttVersion.MQTT_5, "mps-edge", true, 60);
            client.subscribe("mps/edge", 0);
            // 1024 bytes in all: fixed header 3 (type + 2-byte length) + topic 2+8 + properties 1 + payload 1010
            Publish edge = Publish.qos0("mps/edge", Payload.wrap(new byte[1_010]));
            assertThat(MqttEncoder.encodedSize(edge, MqttVersion.MQTT_5)).isEqualTo(1024);
            client.send(edge);
            assertThat(client.receive(Publish.class, WAIT).payload().size()).isEqualTo(1_010);
        }
    }

    @Test
    void tooLargeConnectIsRefused() {
        try (RawMqttClient client = broker.rawClient()) {
            client.send(new Connect(
                    MqttVersion.MQTT_5, "mps-connect", true, 60, "u".repeat(1_500), null, null, Properties.EMPTY));
            // refused before it is buffered: a CONNACK with an error (0x95 when the version is known), then close
            assertThat(client.awaitClosed(WAIT)).isTrue();
            MqttPacket answer = client.poll(Duration.ZERO);
            if (answer != null) {
                assertThat(answer).isInstanceOf(ConnAck.class);
                assertThat(((ConnAck) answer).reasonCode()).isNotZero();
            }
        }
    }

    @Test
    void messageLargerThanTheClientMaximumIsNotSentToIt() {
        try (RawMqttClient small = broker.rawClient();
                RawMqttClient pub = broker.rawClient()) {
            small.connect(new Connect(
                    MqttVersion.MQTT_5,
                    "mps-small",
                    true,
                    60,
                    null,
                    null,
                    null,
                    Properties.builder().maximumPacketSize(100L).build()));
            small.subscribe("mps/out", 0);
            pub.connect(MqttVersion.MQTT_5, "mps-pub", true, 60);
            pub.send(Publish.qos0("mps/out", Payload.wrap(new byte[500])));
            pub.send(Publish.qos0("mps/out", Payload.utf8("small")));
            // [MQTT-3.1.2-24] (5.0): the server MUST NOT send packets above the client's Maximum Packet Size;
            // [MQTT-3.1.2-25] it discards them as if delivered
            Publish p = small.receive(Publish.class, WAIT);
            assertThat(p.payload().asUtf8()).isEqualTo("small");
        }
    }
}
