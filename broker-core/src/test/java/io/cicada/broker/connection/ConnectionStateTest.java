package io.cicada.broker.connection;

import static io.cicada.broker.connection.Packets.connect311;
import static io.cicada.broker.connection.Packets.connect5;
import static org.assertj.core.api.Assertions.assertThat;

import io.cicada.mqtt.packet.Auth;
import io.cicada.mqtt.packet.ConnAck;
import io.cicada.mqtt.packet.Disconnect;
import io.cicada.mqtt.packet.MalformedPacket;
import io.cicada.mqtt.packet.MqttVersion;
import io.cicada.mqtt.packet.PacketType;
import io.cicada.mqtt.packet.PingReq;
import io.cicada.mqtt.packet.PingResp;
import io.cicada.mqtt.packet.Properties;
import io.cicada.mqtt.packet.ReasonCode;
import io.cicada.mqtt.packet.SubAck;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The connection's state machine: what is legal before and after CONNECT, malformed packets, timeouts. */
class ConnectionStateTest {
    private final CoreHarness harness = new CoreHarness();

    @Test
    void packetBeforeConnectClosesTheConnectionWithoutAnswer() {
        TestClient client = harness.client();
        client.send(PingReq.INSTANCE); // [MQTT-3.1.0-1]
        assertThat(client.received()).isEmpty();
        assertThat(client.isClosed()).isTrue();
    }

    @Test
    void secondConnectIsAProtocolError() {
        TestClient client = harness.client();
        client.connect(connect5("a"));
        client.send(connect5("a")); // [MQTT-3.1.0-2]
        assertThat(client.last(Disconnect.class).reasonCode()).isEqualTo(ReasonCode.PROTOCOL_ERROR);
        assertThat(client.isClosed()).isTrue();
    }

    @Test
    void secondConnectInMqtt311ClosesWithoutDisconnect() {
        TestClient client = harness.client();
        client.connect(connect311("a"));
        client.send(connect311("a"));
        assertThat(client.received(Disconnect.class)).isEmpty();
        assertThat(client.isClosed()).isTrue();
    }

    @Test
    void pingReqIsAnsweredWithPingResp() {
        TestClient client = harness.client();
        client.connect(connect311("a"));
        client.send(PingReq.INSTANCE);
        assertThat(client.received()).last().isEqualTo(PingResp.INSTANCE);
    }

    @Test
    void serverToClientPacketsFromAClientAreProtocolErrors() {
        TestClient client = harness.client();
        client.connect(connect5("a"));
        client.send(new SubAck(1, List.of(0), Properties.EMPTY));
        assertThat(client.last(Disconnect.class).reasonCode()).isEqualTo(ReasonCode.PROTOCOL_ERROR);
        assertThat(client.isClosed()).isTrue();
    }

    @Test
    void authIsAProtocolErrorUntilEnhancedAuthExists() {
        TestClient client = harness.client();
        client.connect(connect5("a"));
        client.send(new Auth(ReasonCode.CONTINUE_AUTHENTICATION, Properties.EMPTY));
        assertThat(client.last(Disconnect.class).reasonCode()).isEqualTo(ReasonCode.PROTOCOL_ERROR);
    }

    @Test
    void malformedConnectInMqtt5IsAnsweredWithConnAckCarryingTheReason() {
        TestClient client = harness.client();
        client.send(
                new MalformedPacket(PacketType.CONNECT, ReasonCode.MALFORMED_PACKET, "bad", null, MqttVersion.MQTT_5));
        ConnAck ack = client.last(ConnAck.class);
        assertThat(ack.reasonCode()).isEqualTo(ReasonCode.MALFORMED_PACKET);
        assertThat(ack.sessionPresent()).isFalse();
        assertThat(client.isClosed()).isTrue();
    }

    @Test
    void unsupportedProtocolVersionGetsReturnCodeOne() {
        TestClient client = harness.client();
        client.send(new MalformedPacket(
                PacketType.CONNECT, ReasonCode.UNSUPPORTED_PROTOCOL_VERSION, "level 7", null, null));
        assertThat(client.last(ConnAck.class).reasonCode()).isEqualTo(ReasonCode.V3_UNACCEPTABLE_PROTOCOL_VERSION);
        assertThat(client.isClosed()).isTrue();
    }

    @Test
    void malformedConnectInMqtt311IsClosedWithoutConnAck() {
        TestClient client = harness.client();
        client.send(new MalformedPacket(
                PacketType.CONNECT, ReasonCode.MALFORMED_PACKET, "bad flags", "MQTT-3.1.2-3", MqttVersion.MQTT_3_1_1));
        assertThat(client.received()).isEmpty();
        assertThat(client.isClosed()).isTrue();
    }

    @Test
    void malformedPacketAfterConnectGetsDisconnectInMqtt5() {
        TestClient client = harness.client();
        client.connect(connect5("a"));
        client.send(
                new MalformedPacket(PacketType.PUBLISH, ReasonCode.PACKET_TOO_LARGE, "big", null, MqttVersion.MQTT_5));
        assertThat(client.last(Disconnect.class).reasonCode()).isEqualTo(ReasonCode.PACKET_TOO_LARGE);
        assertThat(client.isClosed()).isTrue();
    }

    @Test
    void malformedPacketAfterConnectIsAPlainCloseInMqtt311() {
        TestClient client = harness.client();
        client.connect(connect311("a"));
        client.clear();
        client.send(new MalformedPacket(
                PacketType.PUBLISH, ReasonCode.MALFORMED_PACKET, "x", null, MqttVersion.MQTT_3_1_1));
        assertThat(client.received()).isEmpty();
        assertThat(client.isClosed()).isTrue();
    }

    @Test
    void connectionWithoutConnectIsClosedAfterTheConnectTimeout() {
        TestClient client = harness.client();
        harness.advance(Duration.ofSeconds(9));
        assertThat(client.isClosed()).isFalse();
        harness.advance(Duration.ofSeconds(2));
        assertThat(client.isClosed()).isTrue();
    }

    @Test
    void packetsSentRightAfterConnectWaitForTheConnAck() {
        TestClient client = harness.client();
        client.send(connect311("a"), PingReq.INSTANCE);
        assertThat(client.received()).containsExactly(new ConnAck(false, 0, Properties.EMPTY), PingResp.INSTANCE);
    }

    @Test
    void connectedClientsAreCountedUntilTheyLeave() {
        TestClient a = harness.client();
        a.connect(connect311("a"));
        harness.client().connect(connect5("b"));
        assertThat(harness.core.connectedClients()).isEqualTo(2);
        a.dropConnection();
        assertThat(harness.core.connectedClients()).isEqualTo(1);
    }
}
