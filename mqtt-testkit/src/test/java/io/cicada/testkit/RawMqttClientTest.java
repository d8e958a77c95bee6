package io.cicada.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cicada.mqtt.packet.ConnAck;
import io.cicada.mqtt.packet.MqttVersion;
import io.cicada.mqtt.packet.PingResp;
import io.cicada.mqtt.packet.SubAck;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** RawMqttClient against a scripted fake server socket: encoding, decoding, split reads, closes and absence. */
class RawMqttClientTest {
    private ServerSocket server;
    private CompletableFuture<Socket> accepted;

    @BeforeEach
    void listen() throws IOException {
        server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        accepted = CompletableFuture.supplyAsync(() -> {
            try {
                return server.accept();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
    }

    @Test
    void connectSendsAnEncodedConnectAndReturnsTheConnAck() throws Exception {
        try (RawMqttClient client = RawMqttClient.connect("127.0.0.1", server.getLocalPort())) {
            Socket peer = accepted.get(5, TimeUnit.SECONDS);
            CompletableFuture<byte[]> connectBytes = CompletableFuture.supplyAsync(() -> readPacket(peer));
            peer.getOutputStream().write(RawMqttClient.hexToBytes("20 02 01 00")); // CONNACK, session present
            ConnAck ack = client.connect(MqttVersion.MQTT_3_1_1, "raw", false, 30);
            assertThat(ack.sessionPresent()).isTrue();
            assertThat(ack.reasonCode()).isZero();
            // CONNECT "MQTT" level 4, flags 0 (clean session 0), keep-alive 30, client id "raw"
            assertThat(connectBytes.get(5, TimeUnit.SECONDS))
                    .isEqualTo(RawMqttClient.hexToBytes("10 0F 00 04 4D 51 54 54 04 00 00 1E 00 03 72 61 77"));
        }
    }

    @Test
    void packetsSplitAcrossReadsAndSeveralInOneReadAreDecoded() throws Exception {
        try (RawMqttClient client = RawMqttClient.connect("127.0.0.1", server.getLocalPort())) {
            OutputStream out = accepted.get(5, TimeUnit.SECONDS).getOutputStream();
            out.write(RawMqttClient.hexToBytes("90 03 00"));
            out.flush();
            out.write(RawMqttClient.hexToBytes("07 01 D0 00")); // rest of SUBACK, then PINGRESP
            out.flush();
            SubAck subAck = client.receive(SubAck.class, Duration.ofSeconds(5));
            assertThat(subAck.packetId()).isEqualTo(7);
            assertThat(subAck.reasonCodes()).containsExactly(1);
            assertThat(client.receive(Duration.ofSeconds(5))).isInstanceOf(PingResp.class);
        }
    }

    @Test
    void receiveFirstKeepsOtherPacketsQueuedInOrder() throws Exception {
        try (RawMqttClient client = RawMqttClient.connect("127.0.0.1", server.getLocalPort())) {
            OutputStream out = accepted.get(5, TimeUnit.SECONDS).getOutputStream();
            out.write(RawMqttClient.hexToBytes("D0 00 90 03 00 07 01"));
            out.flush();
            assertThat(client.receiveFirst(SubAck.class, Duration.ofSeconds(5)).packetId())
                    .isEqualTo(7);
            assertThat(client.receive(Duration.ofSeconds(1))).isInstanceOf(PingResp.class);
        }
    }

    @Test
    void awaitClosedSeesThePeerCloseAndKeepsPacketsSentBeforeIt() throws Exception {
        try (RawMqttClient client = RawMqttClient.connect("127.0.0.1", server.getLocalPort())) {
            Socket peer = accepted.get(5, TimeUnit.SECONDS);
            peer.getOutputStream().write(RawMqttClient.hexToBytes("D0 00"));
            peer.close();
            assertThat(client.awaitClosed(Duration.ofSeconds(5))).isTrue();
            assertThat(client.isClosedByBroker()).isTrue();
            assertThat(client.poll(Duration.ZERO)).isInstanceOf(PingResp.class);
            assertThatThrownBy(() -> client.receive(Duration.ofMillis(100)))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("closed the connection");
        }
    }

    @Test
    void awaitClosedIsFalseWhileTheConnectionStaysOpen() throws Exception {
        try (RawMqttClient client = RawMqttClient.connect("127.0.0.1", server.getLocalPort())) {
            accepted.get(5, TimeUnit.SECONDS);
            assertThat(client.awaitClosed(Duration.ofMillis(200))).isFalse();
        }
    }

    @Test
    void expectNothingFailsWhenAPacketArrives() throws Exception {
        try (RawMqttClient client = RawMqttClient.connect("127.0.0.1", server.getLocalPort())) {
            accepted.get(5, TimeUnit.SECONDS).getOutputStream().write(RawMqttClient.hexToBytes("D0 00"));
            assertThatThrownBy(() -> client.expectNothing(Duration.ofSeconds(2)))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("PingResp");
        }
    }

    @Test
    void receiveOfTheWrongTypeNamesThePacketSeen() throws Exception {
        try (RawMqttClient client = RawMqttClient.connect("127.0.0.1", server.getLocalPort())) {
            accepted.get(5, TimeUnit.SECONDS).getOutputStream().write(RawMqttClient.hexToBytes("D0 00"));
            assertThatThrownBy(() -> client.receive(ConnAck.class, Duration.ofSeconds(2)))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("expected ConnAck")
                    .hasMessageContaining("PingResp");
        }
    }

    @Test
    void hexAcceptsSpacesAndColons() {
        assertThat(RawMqttClient.hexToBytes("c0:00 1F")).containsExactly(0xC0, 0x00, 0x1F);
    }

    @Test
    void packetIdsStartAt1AndWrapAfter65535() throws Exception {
        try (RawMqttClient client = RawMqttClient.connect("127.0.0.1", server.getLocalPort())) {
            assertThat(client.nextPacketId()).isEqualTo(1);
            for (int i = 2; i < 65_535; i++) {
                client.nextPacketId();
            }
            assertThat(client.nextPacketId()).isEqualTo(65_535);
            assertThat(client.nextPacketId()).isEqualTo(1);
        }
    }

    /** Reads one MQTT packet with a one-byte remaining length from the socket. */
    private static byte[] readPacket(Socket socket) {
        try {
            InputStream in = socket.getInputStream();
            int first = in.read();
            int length = in.read();
            byte[] packet = new byte[2 + length];
            packet[0] = (byte) first;
            packet[1] = (byte) length;
            int read = 0;
            while (read < length) {
                int n = in.read(packet, 2 + read, length - read);
                if (n < 0) {
                    throw new IOException("closed after " + read + " of " + length + " bytes");
                }
                read += n;
            }
            return packet;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
