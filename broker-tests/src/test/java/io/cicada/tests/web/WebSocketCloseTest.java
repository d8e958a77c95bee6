package io.cicada.tests.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.cicada.broker.BrokerSettings;
import io.cicada.broker.transport.ListenerSettings;
import io.cicada.mqtt.codec.MqttEncoder;
import io.cicada.mqtt.packet.Connect;
import io.cicada.mqtt.packet.MqttPacket;
import io.cicada.mqtt.packet.MqttVersion;
import io.cicada.mqtt.packet.Properties;
import io.cicada.server.Broker;
import io.cicada.server.config.ServerConfig;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * When the broker ends a WebSocket connection, a Close frame with a fitting status and the MQTT reason code's name
 * reaches the client before the TCP connection closes (and after the MQTT 5 DISCONNECT, when there is one). Checked
 * with the JDK's WebSocket client speaking raw MQTT.
 */
class WebSocketCloseTest {

    private Broker broker;

    @AfterEach
    void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    private void start(BrokerSettings settings) {
        ServerConfig config = ServerConfig.defaults().withBroker(settings);
        config = config.withTransport(
                config.transport().withListeners(List.of(ListenerSettings.ws("ws", "127.0.0.1", 0))));
        broker = Broker.builder().config(config).build().start();
    }

    private void start() {
        start(BrokerSettings.builder().build());
    }

    private Client connect(MqttVersion version, String clientId, int keepAliveSeconds, String username) {
        Client client = new Client();
        client.socket = HttpClient.newHttpClient()
                .newWebSocketBuilder()
                .subprotocols("mqtt")
                .buildAsync(URI.create("ws://127.0.0.1:" + broker.port("ws") + "/mqtt"), client)
                .join();
        client.send(new Connect(version, clientId, true, keepAliveSeconds, username, null, null, Properties.EMPTY));
        return client;
    }

    @Test
    void aClientDisconnectedByAnAdministratorGetsDisconnectThenCloseWithNormalStatus() throws Exception {
        start();
        Client client = connect(MqttVersion.MQTT_5, "ws-kicked", 60, null);
        assertThat(client.nextHex()).startsWith("20"); // CONNACK

        assertThat(broker.core().clients().kick("ws-kicked").get(5, TimeUnit.SECONDS))
                .isTrue();

        assertThat(client.nextHex()).matches("e0..98.*"); // DISCONNECT 0x98 Administrative action
        assertThat(client.closing()).isEqualTo("close 1000 0x98 Administrative action");
    }

    @Test
    void aProtocolErrorClosesWithProtocolErrorStatus() throws Exception {
        start();
        Client client = connect(MqttVersion.MQTT_5, "ws-second-connect", 60, null);
        assertThat(client.nextHex()).startsWith("20");

        client.send(new Connect(MqttVersion.MQTT_5, "ws-second-connect", true, 60, null, null, null, Properties.EMPTY));

        assertThat(client.nextHex()).matches("e0..82.*"); // DISCONNECT 0x82 Protocol Error
        assertThat(client.closing()).isEqualTo("close 1002 0x82 Protocol Error");
    }

    @Test
    void aKeepAliveTimeoutClosesAnMqtt311ClientWithProtocolErrorStatus() throws Exception {
        start();
        Client client = connect(MqttVersion.MQTT_3_1_1, "ws-silent", 1, null);
        assertThat(client.nextHex()).isEqualTo("20020000");

        // silent for one and a half keep-alive periods: closed without a DISCONNECT (3.1.1 has none from the server)
        assertThat(client.closing()).isEqualTo("close 1002 0x8D Keep Alive timeout");
        assertThat(client.received).isEmpty();
    }

    @Test
    void aTakenOverConnectionClosesWithNormalStatus() throws Exception {
        start();
        Client first = connect(MqttVersion.MQTT_5, "ws-twice", 60, null);
        assertThat(first.nextHex()).startsWith("20");

        Client second = connect(MqttVersion.MQTT_5, "ws-twice", 60, null);
        assertThat(second.nextHex()).startsWith("20");

        assertThat(first.nextHex()).matches("e0..8e.*"); // DISCONNECT 0x8E Session taken over
        assertThat(first.closing()).isEqualTo("close 1000 0x8E Session taken over");
    }

    @Test
    void aRefusedConnectClosesWithPolicyViolationStatus() throws Exception {
        start(BrokerSettings.builder().allowAnonymous(false).build());
        Client client = connect(MqttVersion.MQTT_5, "ws-anonymous", 60, null);

        assertThat(client.nextHex()).matches("20..0087.*"); // CONNACK 0x87 Not authorized
        assertThat(client.closing()).isEqualTo("close 1008 0x87 Not authorized");
    }

    @Test
    void shutdownClosesWithGoingAwayStatus() throws Exception {
        start();
        Client client = connect(MqttVersion.MQTT_5, "ws-at-shutdown", 60, null);
        assertThat(client.nextHex()).startsWith("20");

        broker.close();

        assertThat(client.nextHex()).matches("e0..8b.*"); // DISCONNECT 0x8B Server shutting down
        assertThat(client.closing()).isEqualTo("close 1001 0x8B Server shutting down");
    }

    /** A WebSocket client that sends encoded packets and collects binary messages as hex and the close status. */
    private static final class Client implements WebSocket.Listener {
        final LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
        final LinkedBlockingQueue<String> ended = new LinkedBlockingQueue<>();
        private final ByteArrayOutputStream message = new ByteArrayOutputStream();
        private MqttVersion version;
        WebSocket socket;

        void send(MqttPacket packet) {
            if (packet instanceof Connect connect) {
                version = connect.version();
            }
            ByteBuf bytes = MqttEncoder.encode(packet, version, ByteBufAllocator.DEFAULT);
            try {
                socket.sendBinary(ByteBuffer.wrap(ByteBufUtil.getBytes(bytes)), true)
                        .join();
            } finally {
                bytes.release();
            }
        }

        /** The next binary message from the broker, as hex. */
        String nextHex() throws InterruptedException {
            String hex = received.poll(5, TimeUnit.SECONDS);
            assertThat(hex).as("a binary message from the broker").isNotNull();
            return hex;
        }

        /** How the connection ended: {@code close <status> <reason>}, or {@code error ...} without a Close frame. */
        String closing() throws InterruptedException {
            String end = ended.poll(5, TimeUnit.SECONDS);
            assertThat(end).as("the end of the connection").isNotNull();
            return end;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            message.writeBytes(bytes);
            if (last) {
                received.add(HexFormat.of().formatHex(message.toByteArray()));
                message.reset();
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            received.add("text " + data);
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            ended.add("close " + statusCode + " " + reason);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            ended.add("error " + error);
        }
    }
}
