package io.cicada.tests.connect;

import static org.assertj.core.api.Assertions.assertThat;

import io.cicada.mqtt.packet.ConnAck;
import io.cicada.mqtt.packet.Connect;
import io.cicada.mqtt.packet.Disconnect;
import io.cicada.mqtt.packet.MqttPacket;
import io.cicada.mqtt.packet.MqttVersion;
import io.cicada.mqtt.packet.PingResp;
import io.cicada.mqtt.packet.Properties;
import io.cicada.mqtt.packet.Publish;
import io.cicada.mqtt.packet.ReasonCode;
import io.cicada.mqtt.packet.SubAck;
import io.cicada.testkit.CicadaBroker;
import io.cicada.testkit.RawMqttClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the server answers to a CONNECT, byte for byte where the decoder would hide it (CONNACK flags), and what it
 * does after a refusal: the connection closes and nothing sent behind the refused CONNECT is processed (5.0 §3.1.4,
 * §3.2; 3.1.1 §3.1.4, §3.2).
 */
class ConnectAckConformanceTest {
    @RegisterExtension
    static CicadaBroker broker = CicadaBroker.create();

    static final Duration WAIT = Duration.ofSeconds(5);

    /** CONNECT, MQTT 5, Clean Start, keep alive 60, no properties, client id "cf". */
    static final String CONNECT_V5 = "10 0F 00 04 4D 51 54 54 05 02 00 3C 00 00 02 63 66";

    @Test
    void acceptedConnectIsAnsweredFirstWithOneConnAckWhoseReservedFlagsAreZero() throws IOException {
        try (Socket socket = new Socket(broker.host(), broker.port())) {
            socket.getOutputStream().write(RawMqttClient.hexToBytes(CONNECT_V5 + " C0 00"));
            byte[] in = readAtLeast(socket, 2);
            in = readMore(socket, in, 2 + in[1] + 2);
            // [MQTT-4.2-1] [MQTT-7.1.1-1] an ordered byte stream (TCP) carries MQTT both ways
            // [MQTT-3.2.0-1] the first packet from the server is the CONNACK, with reason 0x00 [MQTT-3.1.4-5]
            assertThat(in[0]).isEqualTo((byte) 0x20);
            // [MQTT-3.2.2-1] bits 7-1 of the acknowledge flags are 0 (and Session Present 0 for Clean Start)
            assertThat(in[2]).isZero();
            assertThat(in[3]).isEqualTo((byte) ReasonCode.SUCCESS);
            // the PINGREQ sent behind the CONNECT is answered after it: D0 00
            int connAckLength = 2 + in[1];
            assertThat(in[connAckLength]).isEqualTo((byte) 0xD0);
        }
    }

    @Test
    void aConnectionNeverGetsASecondConnAck() {
        try (RawMqttClient client = broker.rawClient()) {
            // [MQTT-3.1.4-5] [MQTT-3.1.4-5@3.1.1] an accepted CONNECT gets CONNACK 0x00
            assertThat(client.connect(MqttVersion.MQTT_5, "one-connack", true, 60)
                            .reasonCode())
                    .isEqualTo(ReasonCode.SUCCESS);
            client.subscribe("one/connack", 1);
            client.send(new io.cicada.mqtt.packet.PingReq());
            List<MqttPacket> seen = new ArrayList<>();
            for (MqttPacket p = client.poll(Duration.ofMillis(500));
                    p != null;
                    p = client.poll(Duration.ofMillis(300))) {
                seen.add(p);
            }
            // [MQTT-3.2.0-2] at most one CONNACK per connection
            assertThat(seen).hasAtLeastOneElementOfType(PingResp.class).noneMatch(ConnAck.class::isInstance);
        }
    }

    @Test
    void mqtt5ConnectWithoutAnAuthenticationMethodGetsNoAuthAndNoMethodBack() {
        try (RawMqttClient client = broker.rawClient()) {
            ConnAck ack = client.connect(MqttVersion.MQTT_5, "no-auth-method", true, 60);
            // [MQTT-4.12.0-6] no Authentication Method in CONNACK (and the first packet was the CONNACK, not AUTH)
            assertThat(ack.reasonCode()).isEqualTo(ReasonCode.SUCCESS);
            assertThat(ack.properties().authenticationMethod()).isNull();
            // [MQTT-3.2.2-22] no Server Keep Alive: the client's own Keep Alive is the one in force
            assertThat(ack.properties().serverKeepAlive()).isNull();
        }
    }

    @Test
    void anAssignedClientIdentifierIsTheConnectionsClientId() {
        try (RawMqttClient first = broker.rawClient();
                RawMqttClient second = broker.rawClient()) {
            ConnAck ack = first.connect(MqttVersion.MQTT_5, "", true, 60);
            String assigned = ack.properties().assignedClientIdentifier();
            assertThat(assigned).isNotEmpty();
            // [MQTT-3.1.3-7] the CONNECT was processed as if it carried that id: a second client using it takes over
            second.connect(MqttVersion.MQTT_5, assigned, true, 60);
            MqttPacket kicked = first.poll(WAIT);
            assertThat(kicked).isInstanceOf(Disconnect.class);
            assertThat(((Disconnect) kicked).reasonCode()).isEqualTo(ReasonCode.SESSION_TAKEN_OVER);
        }
    }

    @Test
    void wrongProtocolNameIsClosedWithAtMostConnAck0x84() throws IOException {
        // "MQTX" instead of "MQTT", otherwise CONNECT_V5
        byte[] in = exchange("10 0F 00 04 4D 51 54 58 05 02 00 3C 00 00 02 63 67");
        // [MQTT-3.1.2-1] the server closes (exchange read to the end of the stream) without accepting; the only answer
        // it may give first is a refusing CONNACK: Cicada sends the 3.1.1 form 0x01, as it cannot know which
        // version's CONNACK a client that does not speak "MQTT" reads (see the catalogue note)
        if (in.length > 0) {
            assertThat(in).containsExactly(0x20, 0x02, 0x00, 0x01);
        }
    }

    @Test
    void mqtt311WrongProtocolNameIsClosed() throws IOException {
        byte[] in = exchange("10 0E 00 04 4D 51 54 58 04 02 00 3C 00 02 63 68");
        // [MQTT-3.1.2-1@3.1.1] disconnected, never accepted: no CONNACK 0 comes back
        assertThat(in.length == 0 || in[3] != 0).isTrue();
    }

    @Test
    void refusedMqtt5ConnectClosesAndWhatFollowsItIsNotProcessed() throws IOException {
        try (RawMqttClient watcher = broker.rawClient()) {
            watcher.connect(MqttVersion.MQTT_5, "refusal-watcher", true, 60);
            watcher.subscribe("refused/#", 0);
            // CONNECT with Receive Maximum 0 (a Protocol Error), then a PUBLISH to refused/x in the same write
            byte[] in = exchange("10 12 00 04 4D 51 54 54 05 02 00 3C 03 21 00 00 00 02 63 69"
                    + " 30 0C 00 0A 72 65 66 75 73 65 64 2F 78 00");
            // [MQTT-3.2.2-8] a code of the CONNACK table, [MQTT-3.2.2-6] Session Present 0
            assertThat(in).hasSizeGreaterThanOrEqualTo(4);
            assertThat(in[0]).isEqualTo((byte) 0x20);
            assertThat(in[2]).isZero();
            assertThat(in[3] & 0xFF).isEqualTo(ReasonCode.PROTOCOL_ERROR);
            // [MQTT-3.2.2-7] [MQTT-4.13.2-1] closed after a CONNACK of 0x80 or above (exchange read to end of stream)
            // [MQTT-3.14.0-1] the CONNACK is all that came: no DISCONNECT before a successful CONNACK
            assertThat(in).hasSize(2 + in[1]);
            // [MQTT-3.1.4-6] the PUBLISH behind the refused CONNECT was not processed
            watcher.expectNothing(Duration.ofMillis(500));
        }
    }

    @Test
    void refusedMqtt311ConnectClosesAndWhatFollowsItIsNotProcessed() throws IOException {
        try (RawMqttClient watcher = broker.rawClient()) {
            watcher.connect(MqttVersion.MQTT_5, "refusal-watcher-3", true, 60);
            watcher.subscribe("refused/#", 0);
            // 3.1.1 CONNECT, empty client id with CleanSession 0, then a PUBLISH to refused/y
            byte[] in =
                    exchange("10 0C 00 04 4D 51 54 54 04 00 00 3C 00 00" + " 30 0B 00 09 72 65 66 75 73 65 64 2F 79");
            // [MQTT-3.1.3-8@3.1.1] return code 0x02, [MQTT-3.2.2-4@3.1.1] Session Present 0
            assertThat(in).containsExactly(0x20, 0x02, 0x00, 0x02);
            // [MQTT-3.2.2-5@3.1.1] then closed (exchange read to the end of the stream)
            // [MQTT-3.1.4-5@3.1.1] and the PUBLISH behind the refused CONNECT was not processed
            watcher.expectNothing(Duration.ofMillis(500));
        }
    }

    @Test
    void packetsOtherThanPublishAreAnsweredWhileTheClientsReceiveMaximumIsUsedUp() {
        try (RawMqttClient publisher = broker.rawClient();
                RawMqttClient client = broker.rawClient()) {
            publisher.connect(MqttVersion.MQTT_5, "quota-pub", true, 60);
            client.connect(new Connect(
                    MqttVersion.MQTT_5,
                    "quota-sub",
                    true,
                    60,
                    null,
                    null,
                    null,
                    Properties.builder().receiveMaximum(1).build()));
            client.subscribe("quota/t", 1);
            for (int i = 0; i < 2; i++) {
                publisher.send(new Publish(
                        "quota/t",
                        1,
                        false,
                        false,
                        i + 1,
                        Properties.EMPTY,
                        io.cicada.mqtt.packet.Payload.utf8("m" + i)));
            }
            // [MQTT-4.9.0-1] the initial quota is the client's Receive Maximum (1): one PUBLISH comes
            Publish first = client.receive(Publish.class, WAIT);
            assertThat(first.payload().asUtf8()).isEqualTo("m0");
            // [MQTT-4.9.0-2] with the quota at 0 no further QoS 1 PUBLISH is sent ...
            // [MQTT-3.3.4-10] [MQTT-4.9.0-3] ... but SUBSCRIBE and PINGREQ are still answered
            SubAck ack = client.subscribe("quota/other", 0);
            assertThat(ack.reasonCodes()).containsExactly(0);
            client.send(new io.cicada.mqtt.packet.PingReq());
            assertThat(client.receive(WAIT)).isInstanceOf(PingResp.class);
            client.expectNothing(Duration.ofMillis(300));
            client.send(new io.cicada.mqtt.packet.PubAck(first.packetId()));
            assertThat(client.receive(Publish.class, WAIT).payload().asUtf8()).isEqualTo("m1");
        }
    }

    @Test
    void silentClientWithoutServerKeepAliveIsClosedAfterOneAndAHalfOfItsOwnKeepAlive() {
        try (RawMqttClient client = broker.rawClient()) {
            ConnAck ack = client.connect(MqttVersion.MQTT_5, "own-keepalive", true, 1);
            // [MQTT-3.2.2-22] no Server Keep Alive in the CONNACK, so the client's 1 s applies
            assertThat(ack.properties().serverKeepAlive()).isNull();
            MqttPacket answer = client.poll(Duration.ofSeconds(4));
            assertThat(answer).isInstanceOf(Disconnect.class);
            // [MQTT-3.14.2-1] a code of the DISCONNECT table
            assertThat(((Disconnect) answer).reasonCode()).isEqualTo(ReasonCode.KEEP_ALIVE_TIMEOUT);
            // [MQTT-3.14.4-2] the server closes after its DISCONNECT, [MQTT-3.14.4-1] having sent nothing more
            assertThat(client.awaitClosed(WAIT)).isTrue();
            assertThat(client.poll(Duration.ZERO)).isNull();
        }
    }

    /** Writes {@code hex} on a fresh socket and returns every byte the broker sends until it closes. */
    private static byte[] exchange(String hex) throws IOException {
        try (Socket socket = new Socket(broker.host(), broker.port())) {
            socket.setSoTimeout((int) WAIT.toMillis());
            socket.getOutputStream().write(RawMqttClient.hexToBytes(hex));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[256];
            try {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    out.write(buffer, 0, n);
                }
            } catch (SocketTimeoutException e) {
                throw new AssertionError("the broker did not close the connection; it sent " + out.size() + " bytes");
            }
            return out.toByteArray();
        }
    }

    private static byte[] readAtLeast(Socket socket, int count) throws IOException {
        return readMore(socket, new byte[0], count);
    }

    private static byte[] readMore(Socket socket, byte[] already, int count) throws IOException {
        socket.setSoTimeout((int) WAIT.toMillis());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(already);
        byte[] buffer = new byte[256];
        while (out.size() < count) {
            int n = socket.getInputStream().read(buffer);
            if (n < 0) {
                break;
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }
}
