package io.cicada.tests.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.cicada.mqtt.packet.Connect;
import io.cicada.mqtt.packet.Disconnect;
import io.cicada.mqtt.packet.MqttVersion;
import io.cicada.mqtt.packet.Payload;
import io.cicada.mqtt.packet.Properties;
import io.cicada.mqtt.packet.PubAck;
import io.cicada.mqtt.packet.PubRec;
import io.cicada.mqtt.packet.Publish;
import io.cicada.mqtt.packet.ReasonCode;
import io.cicada.testkit.CicadaBroker;
import io.cicada.testkit.RawMqttClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Reason Strings on PUBACK, PUBREC and DISCONNECT are sent only when they fit in the client's Maximum Packet Size:
 * the same refusal (a payload that breaks its UTF-8 Payload Format Indicator, 0x99) is answered with a Reason String
 * to a client with room for it and without one to a client with a small maximum (5.0 §3.4.2.2.2, §3.5.2.2.2,
 * §3.14.2.2.3).
 */
class ReasonStringSizeTest {
    @RegisterExtension
    static CicadaBroker broker = CicadaBroker.create();

    static final Duration WAIT = Duration.ofSeconds(5);
    static final byte[] NOT_UTF8 = {(byte) 0xC0, (byte) 0xAF};

    private static RawMqttClient connect(String clientId, long maximumPacketSize) {
        RawMqttClient client = broker.rawClient();
        client.connect(new Connect(
                MqttVersion.MQTT_5,
                clientId,
                true,
                60,
                null,
                null,
                null,
                Properties.builder().maximumPacketSize(maximumPacketSize).build()));
        return client;
    }

    private static Publish notUtf8(int qos) {
        return new Publish(
                "rs/t",
                qos,
                false,
                false,
                qos == 0 ? 0 : 5,
                Properties.builder().payloadFormatIndicator(1).build(),
                Payload.copyOf(NOT_UTF8));
    }

    @Test
    void pubAckAndPubRecCarryAReasonStringOnlyWhenItFits() {
        try (RawMqttClient roomy = connect("rs-roomy", 1024);
                RawMqttClient tight = connect("rs-tight", 16)) {
            roomy.send(notUtf8(1));
            PubAck withReason = roomy.receive(PubAck.class, WAIT);
            assertThat(withReason.reasonCode()).isEqualTo(ReasonCode.PAYLOAD_FORMAT_INVALID);
            assertThat(withReason.properties().reasonString()).isNotBlank();
            tight.send(notUtf8(1));
            PubAck without = tight.receive(PubAck.class, WAIT);
            // [MQTT-3.4.2-2] the Reason String would not fit in 16 bytes: left out, the reason code stays
            assertThat(without.reasonCode()).isEqualTo(ReasonCode.PAYLOAD_FORMAT_INVALID);
            assertThat(without.properties().reasonString()).isNull();

            roomy.send(notUtf8(2));
            assertThat(roomy.receive(PubRec.class, WAIT).properties().reasonString())
                    .isNotBlank();
            tight.send(notUtf8(2));
            PubRec recWithout = tight.receive(PubRec.class, WAIT);
            // [MQTT-3.5.2-2] the same for PUBREC
            assertThat(recWithout.reasonCode()).isEqualTo(ReasonCode.PAYLOAD_FORMAT_INVALID);
            assertThat(recWithout.properties().reasonString()).isNull();
        }
    }

    @Test
    void disconnectCarriesAReasonStringOnlyWhenItFits() {
        try (RawMqttClient roomy = connect("rs-roomy-0", 1024);
                RawMqttClient tight = connect("rs-tight-0", 16)) {
            roomy.send(notUtf8(0));
            Disconnect withReason = roomy.receive(Disconnect.class, WAIT);
            assertThat(withReason.reasonCode()).isEqualTo(ReasonCode.PAYLOAD_FORMAT_INVALID);
            assertThat(withReason.properties().reasonString()).isNotBlank();
            tight.send(notUtf8(0));
            Disconnect without = tight.receive(Disconnect.class, WAIT);
            // [MQTT-3.14.2-3] left out of the DISCONNECT when it would not fit
            assertThat(without.reasonCode()).isEqualTo(ReasonCode.PAYLOAD_FORMAT_INVALID);
            assertThat(without.properties().reasonString()).isNull();
            // [MQTT-4.13.2-1] a DISCONNECT of 0x80 or above: the connection is closed
            assertThat(tight.awaitClosed(WAIT)).isTrue();
        }
    }
}
