package io.cicada.tests.connect;

import static org.assertj.core.api.Assertions.assertThat;

import io.cicada.mqtt.packet.ConnAck;
import io.cicada.mqtt.packet.Connect;
import io.cicada.mqtt.packet.MqttPacket;
import io.cicada.mqtt.packet.MqttVersion;
import io.cicada.mqtt.packet.Payload;
import io.cicada.mqtt.packet.Properties;
import io.cicada.mqtt.packet.ReasonCode;
import io.cicada.mqtt.packet.Will;
import io.cicada.testkit.CicadaBroker;
import io.cicada.testkit.RawMqttClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** CONNECT validation and the CONNACK return codes of MQTT 3.1 and 3.1.1, at packet level. */
class ConnectReturnCodesV3Test {
    @RegisterExtension
    static CicadaBroker broker = CicadaBroker.create();

    private static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void validConnectIsAcceptedWithReturnCode0AndNoSessionPresent() {
        try (RawMqttClient client = broker.rawClient()) {
            ConnAck ack = client.connect(MqttVersion.MQTT_3_1_1, "v3-ok", true, 60);
            assertThat(ack.reasonCode()).isEqualTo(ReasonCode.V3_ACCEPTED);
            // [MQTT-3.2.2-1] clean session 1: Session Present 0
            assertThat(ack.sessionPresent()).isFalse();
        }
    }

    @Test
    void unsupportedProtocolLevelGetsReturnCode1AndClose() {
        try (RawMqttClient client = broker.rawClient()) {
            // CONNECT "MQTT" level 6, clean session, keep-alive 60, client id "a"
            client.sendHex("10 0D 00 04 4D 51 54 54 06 02 00 3C 00 01 61");
            // [MQTT-3.1.2-2] CONNACK 0x01 (unacceptable protocol level), then disconnect
            ConnAck ack = client.receive(ConnAck.class, WAIT);
            assertThat(ack.reasonCode()).isEqualTo(ReasonCode.V3_UNACCEPTABLE_PROTOCOL_VERSION);
            assertThat(ack.sessionPresent()).isFalse();
            assertThat(client.awaitClosed(WAIT)).isTrue();
        }
    }

    @Test
    void emptyClientIdWithCleanSession0IsRejectedWith0x02() {
        try (RawMqttClient client = broker.rawClient()) {
            // [MQTT-3.1.3-8] zero-byte client id and clean session 0: CONNACK 0x02, then close
            ConnAck ack = client.connect(MqttVersion.MQTT_3_1_1, "", false, 60);
            assertThat(ack.reasonCode()).isEqualTo(ReasonCode.V3_IDENTIFIER_REJECTED);
            // [MQTT-3.2.2-4] Session Present 0 with a non-zero return code
            assertThat(ack.sessionPresent()).isFalse();
            assertThat(client.awaitClosed(WAIT)).isTrue();
        }
    }

    @Test
    void emptyClientIdWithCleanSession1IsAccepted() {
        try (RawMqttClient client = broker.rawClient()) {
            // [MQTT-3.1.3-6] the server assigns a unique client id
            ConnAck ack = client.connect(MqttVersion.MQTT_3_1_1, "", true, 60);
            assertThat(ack.reasonCode()).isEqualTo(ReasonCode.V3_ACCEPTED);
        }
    }

    @Test
    void mqtt31EmptyClientIdIsRejectedWith0x02() {
        try (RawMqttClient client = broker.rawClient()) {
            // MQTT 3.1 §3.1: the client identifier must be 1 to 23 characters
            ConnAck ack = client.connect(MqttVersion.MQTT_3_1, "", true, 60);
            assertThat(ack.reasonCode()).isEqualTo(ReasonCode.V3_IDENTIFIER_REJECTED);
            assertThat(client.awaitClosed(WAIT)).isTrue();
        }
    }

    @Test
    void mqtt31ConnectIsAccepted() {
        try (RawMqttClient client = broker.rawClient()) {
            ConnAck ack = client.connect(MqttVersion.MQTT_3_1, "v31-raw", true, 60);
            assertThat(ack.reasonCode()).isEqualTo(ReasonCode.V3_ACCEPTED);
        }
    }

    @Test
    void reservedConnectFlagClosesTheConnection() {
        try (RawMqttClient client = broker.rawClient()) {
            // flags 0x03: clean session + reserved bit 0 set
            client.sendHex("10 0D 00 04 4D 51 54 54 04 03 00 3C 00 01 61");
            // [MQTT-3.1.2-3] the server MUST disconnect the client; no successful CONNACK
            assertClosedWithoutAcceptance(client);
        }
    }

    @Test
    void passwordWithoutUserNameClosesTheConnection() {
        try (RawMqttClient client = broker.rawClient()) {
            // flags 0x42: password flag without user name flag; password "pw"
            client.sendHex("10 11 00 04 4D 51 54 54 04 42 00 3C 00 01 61 00 02 70 77");
            // [MQTT-3.1.2-22] if the user name flag is 0, the password flag MUST be 0
            assertClosedWithoutAcceptance(client);
        }
    }

    @Test
    void willQosWithoutWillFlagClosesTheConnection() {
        try (RawMqttClient client = broker.rawClient()) {
            // flags 0x0A: will QoS 1 with will flag 0
            client.sendHex("10 0D 00 04 4D 51 54 54 04 0A 00 3C 00 01 61");
            // [MQTT-3.1.2-13] will flag 0: will QoS MUST be 0
            assertClosedWithoutAcceptance(client);
        }
    }

    @Test
    void willQos3ClosesTheConnection() {
        try (RawMqttClient client = broker.rawClient()) {
            // flags 0x1E: clean session, will flag, will QoS 3; will topic "w", will message "x"
            client.sendHex("10 13 00 04 4D 51 54 54 04 1E 00 3C 00 01 61 00 01 77 00 01 78");
            // [MQTT-3.1.2-14] will QoS MUST NOT be 3
            assertClosedWithoutAcceptance(client);
        }
    }

    @Test
    void willIsAcceptedWhenWellFormed() {
        try (RawMqttClient client = broker.rawClient()) {
            Connect connect = new Connect(
                    MqttVersion.MQTT_3_1_1,
                    "v3-will",
                    true,
                    60,
                    null,
                    null,
                    new Will("will/v3", Payload.utf8("bye"), 1, false, Properties.EMPTY),
                    Properties.EMPTY);
            assertThat(client.connect(connect).reasonCode()).isEqualTo(ReasonCode.V3_ACCEPTED);
        }
    }

    static void assertClosedWithoutAcceptance(RawMqttClient client) {
        assertThat(client.awaitClosed(WAIT)).as("broker closes the connection").isTrue();
        for (MqttPacket p = client.poll(Duration.ZERO); p != null; p = client.poll(Duration.ZERO)) {
            assertThat(p).as("only a refusing CONNACK may precede the close").isInstanceOf(ConnAck.class);
            assertThat(((ConnAck) p).reasonCode()).isNotZero();
        }
    }
}
