package io.cicada.tests.connect;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAck;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckRestrictions;
import io.cicada.mqtt.packet.ConnAck;
import io.cicada.mqtt.packet.Connect;
import io.cicada.mqtt.packet.Disconnect;
import io.cicada.mqtt.packet.MqttVersion;
import io.cicada.mqtt.packet.Payload;
import io.cicada.mqtt.packet.Properties;
import io.cicada.mqtt.packet.Publish;
import io.cicada.mqtt.packet.ReasonCode;
import io.cicada.mqtt.packet.Will;
import io.cicada.testkit.CicadaBroker;
import io.cicada.testkit.RawMqttClient;
import io.cicada.tests.ThirdPartyClients;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** CONNECT validation, CONNACK reason codes and CONNACK properties of MQTT 5. */
class ConnectReasonCodesV5Test {
    @RegisterExtension
    static CicadaBroker broker = CicadaBroker.create();

    private static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void hivemqClientConnectsAndSeesTheAdvertisedLimits() {
        Mqtt5BlockingClient client = ThirdPartyClients.hivemq5(broker, "v5-limits");
        Mqtt5ConnAck ack = client.connectWith().cleanStart(true).send();
        try {
            assertThat(ack.getReasonCode()).isEqualTo(Mqtt5ConnAckReasonCode.SUCCESS);
            assertThat(ack.isSessionPresent()).isFalse();
            Mqtt5ConnAckRestrictions r = ack.getRestrictions();
            assertThat(r.getReceiveMaximum()).isEqualTo(broker.settings().receiveMaximum());
            assertThat(r.getTopicAliasMaximum()).isEqualTo(broker.settings().topicAliasMaximum());
            assertThat(r.getMaximumPacketSize()).isEqualTo(broker.settings().maxPacketSize());
            // Shared Subscription Available absent = 1 (§3.2.2.3.15)
            assertThat(r.isSharedSubscriptionAvailable()).isTrue();
            assertThat(r.isWildcardSubscriptionAvailable()).isTrue();
            assertThat(r.areSubscriptionIdentifiersAvailable()).isTrue();
            assertThat(r.isRetainAvailable()).isTrue();
        } finally {
            client.disconnect();
        }
    }

    @Test
    void emptyClientIdGetsAnAssignedClientIdentifier() {
        try (RawMqttClient client = broker.rawClient()) {
            ConnAck ack = client.connect(MqttVersion.MQTT_5, "", true, 60);
            assertThat(ack.reasonCode()).isEqualTo(ReasonCode.SUCCESS);
            // [MQTT-3.2.2-16] zero-length client id: CONNACK carries the Assigned Client Identifier
            assertThat(ack.properties().assignedClientIdentifier())
                    .isNotEmpty()
                    .startsWith(broker.settings().assignedClientIdPrefix());
        }
    }

    @Test
    void twoEmptyClientIdsGetDifferentAssignedIdentifiers() {
        try (RawMqttClient a = broker.rawClient();
                RawMqttClient b = broker.rawClient()) {
            String first =
                    a.connect(MqttVersion.MQTT_5, "", true, 60).properties().assignedClientIdentifier();
            String second =
                    b.connect(MqttVersion.MQTT_5, "", true, 60).properties().assignedClientIdentifier();
            // [MQTT-3.1.3-6] the assigned id is unique to the server
            assertThat(first).isNotEqualTo(second);
            assertThat(a.isClosedByBroker()).isFalse();
        }
    }

    @Test
    void reservedConnectFlagGetsMalformedPacketAndClose() {
        try (RawMqttClient client = broker.rawClient()) {
            client.version(MqttVersion.MQTT_5);
            // MQTT 5 CONNECT, flags 0x03 (reserved bit set), keep-alive 60, no properties, client id "a"
            client.sendHex("10 0E 00 04 4D 51 54 54 05 03 00 3C 00 00 01 61");
            // [MQTT-3.1.2-3] reserved flag MUST be 0, else malformed: CONNACK 0x81 then close
            ConnAck ack = client.receive(ConnAck.class, WAIT);
            assertThat(ack.reasonCode()).isEqualTo(ReasonCode.MALFORMED_PACKET);
            assertThat(ack.sessionPresent()).isFalse();
            assertThat(client.awaitClosed(WAIT)).isTrue();
        }
    }

    @Test
    void duplicateConnectPropertyGetsProtocolError() {
        try (RawMqttClient client = broker.rawClient()) {
            client.version(MqttVersion.MQTT_5);
            // MQTT 5 CONNECT with Session Expiry Interval (0x11) twice, client id "a"
            client.sendHex("10 18 00 04 4D 51 54 54 05 02 00 3C 0A 11 00 00 00 0A 11 00 00 00 0A 00 01 61");
            // 5.0 §3.1.2.11.2: Session Expiry Interval more than once is a Protocol Error: CONNACK 0x82, close
            ConnAck ack = client.receive(ConnAck.class, WAIT);
            assertThat(ack.reasonCode()).isEqualTo(ReasonCode.PROTOCOL_ERROR);
            assertThat(client.awaitClosed(WAIT)).isTrue();
        }
    }

    @Test
    void illFormedUtf8ClientIdGetsMalformedPacket() {
        try (RawMqttClient client = broker.rawClient()) {
            client.version(MqttVersion.MQTT_5);
            // MQTT 5 CONNECT whose client id is C0 80 (an overlong encoding of U+0000)
            client.sendHex("10 0F 00 04 4D 51 54 54 05 02 00 3C 00 00 02 C0 80");
            // [MQTT-1.5.4-1] ill-formed UTF-8 makes the packet malformed: CONNACK 0x81, then close
            ConnAck ack = client.receive(ConnAck.class, WAIT);
            assertThat(ack.reasonCode()).isEqualTo(ReasonCode.MALFORMED_PACKET);
            assertThat(client.awaitClosed(WAIT)).isTrue();
        }
    }

    @Test
    void receiveMaximumZeroGetsProtocolError() {
        try (RawMqttClient client = broker.rawClient()) {
            client.version(MqttVersion.MQTT_5);
            // MQTT 5 CONNECT with Receive Maximum (0x21) = 0, client id "a"
            client.sendHex("10 11 00 04 4D 51 54 54 05 02 00 3C 03 21 00 00 00 01 61");
            // 5.0 §3.1.2.11.3: a Receive Maximum of 0 is a Protocol Error: CONNACK 0x82, close
            ConnAck ack = client.receive(ConnAck.class, WAIT);
            assertThat(ack.reasonCode()).isEqualTo(ReasonCode.PROTOCOL_ERROR);
            assertThat(client.awaitClosed(WAIT)).isTrue();
        }
    }

    @Test
    void authenticationMethodIsRefusedWithBadAuthenticationMethod() {
        try (RawMqttClient client = broker.rawClient()) {
            Connect connect = new Connect(
                    MqttVersion.MQTT_5,
                    "v5-auth",
                    true,
                    60,
                    null,
                    null,
                    null,
                    Properties.builder().authenticationMethod("SCRAM-SHA-256").build());
            // §4.12: a server that does not support the Authentication Method sends CONNACK 0x8C and closes
            ConnAck ack = client.connect(connect);
            assertThat(ack.reasonCode()).isEqualTo(ReasonCode.BAD_AUTHENTICATION_METHOD);
            assertThat(client.awaitClosed(WAIT)).isTrue();
        }
    }

    @Test
    void willTopicWithWildcardIsRefused() {
        try (RawMqttClient client = broker.rawClient()) {
            Connect connect = new Connect(
                    MqttVersion.MQTT_5,
                    "v5-badwill",
                    true,
                    60,
                    null,
                    null,
                    new Will("will/+", Payload.utf8("x"), 0, false, Properties.EMPTY),
                    Properties.EMPTY);
            client.send(connect, MqttVersion.MQTT_5);
            // [MQTT-3.1.3-11] the Will Topic MUST be a valid topic name (no wildcards)
            ConnectReturnCodesV3Test.assertClosedWithoutAcceptance(client);
        }
    }

    @Test
    void secondConnectIsAProtocolErrorAndClosesTheConnection() {
        try (RawMqttClient client = broker.rawClient()) {
            assertThat(client.connect(MqttVersion.MQTT_5, "v5-twice", true, 60).reasonCode())
                    .isZero();
            client.send(new Connect(MqttVersion.MQTT_5, "v5-twice", true, 60, null, null, null, Properties.EMPTY));
            // [MQTT-3.1.0-2] a second CONNECT is a protocol error: DISCONNECT 0x82, then close
            Disconnect disconnect = client.receive(Disconnect.class, WAIT);
            assertThat(disconnect.reasonCode()).isEqualTo(ReasonCode.PROTOCOL_ERROR);
            assertThat(client.awaitClosed(WAIT)).isTrue();
        }
    }

    @Test
    void secondConnectClosesAnMqtt311Connection() {
        try (RawMqttClient client = broker.rawClient()) {
            assertThat(client.connect(MqttVersion.MQTT_3_1_1, "v3-twice", true, 60)
                            .reasonCode())
                    .isZero();
            client.send(new Connect(MqttVersion.MQTT_3_1_1, "v3-twice", true, 60, null, null, null, Properties.EMPTY));
            // [MQTT-3.1.0-2] a second CONNECT: the server MUST disconnect the client
            assertThat(client.awaitClosed(WAIT)).isTrue();
            assertThat(client.poll(Duration.ZERO))
                    .as("3.1.1 has no server DISCONNECT")
                    .isNull();
        }
    }

    @Test
    void packetBeforeConnectClosesTheConnection() {
        try (RawMqttClient client = broker.rawClient()) {
            client.sendHex("C0 00"); // PINGREQ
            // [MQTT-3.1.0-1] the first packet MUST be CONNECT
            ConnectReturnCodesV3Test.assertClosedWithoutAcceptance(client);
        }
    }

    @Test
    void publishBeforeConnectIsNotRouted() {
        try (RawMqttClient sub = broker.rawClient();
                RawMqttClient rogue = broker.rawClient()) {
            sub.connect(MqttVersion.MQTT_5, "v5-watch", true, 60);
            sub.subscribe("early/#", 0);
            rogue.send(Publish.qos0("early/x", Payload.utf8("x")), MqttVersion.MQTT_3_1_1);
            // [MQTT-3.1.0-1]
            assertThat(rogue.awaitClosed(WAIT)).isTrue();
            sub.expectNothing(ThirdPartyClients.QUIET);
        }
    }

    @Test
    void connAckFromClientIsAProtocolError() {
        try (RawMqttClient client = broker.rawClient()) {
            client.connect(MqttVersion.MQTT_5, "v5-connack", true, 60);
            client.sendHex("20 03 00 00 00"); // CONNACK is server-to-client only
            // §4.13: a packet in the wrong direction is a protocol error: DISCONNECT 0x82 (or 0x81), then close
            Disconnect disconnect = client.receive(Disconnect.class, WAIT);
            assertThat(disconnect.reasonCode()).isIn(ReasonCode.PROTOCOL_ERROR, ReasonCode.MALFORMED_PACKET);
            assertThat(client.awaitClosed(WAIT)).isTrue();
        }
    }

    @Test
    void authPacketIsAProtocolErrorWithoutEnhancedAuth() {
        try (RawMqttClient client = broker.rawClient()) {
            client.connect(MqttVersion.MQTT_5, "v5-authpkt", true, 60);
            client.sendHex("F0 02 19 00"); // AUTH, reason 0x19 re-authenticate, no properties
            // [MQTT-4.12.0-7] no Authentication Method in CONNECT: the client MUST NOT send AUTH; protocol error
            Disconnect disconnect = client.receive(Disconnect.class, WAIT);
            assertThat(disconnect.reasonCode()).isEqualTo(ReasonCode.PROTOCOL_ERROR);
            assertThat(client.awaitClosed(WAIT)).isTrue();
        }
    }
}
