package io.cicada.tests.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.cicada.broker.BrokerSettings;
import io.cicada.broker.transport.ListenerSettings;
import io.cicada.server.Broker;
import io.cicada.server.config.ServerConfig;
import io.cicada.testkit.RawMqttClient;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * MQTT over WebSocket as section 6 of both specifications puts it: the "mqtt" subprotocol, packets that do not line
 * up with WebSocket messages, and text frames refused. Checked with the JDK's WebSocket client sending raw bytes.
 */
class WebSocketConformanceTest {
    /** CONNECT, MQTT 3.1.1, clean session, keep alive 60, client id "ws". */
    static final String CONNECT = "10 0E 00 04 4D 51 54 54 04 02 00 3C 00 02 77 73";

    private Broker broker;

    @BeforeEach
    void start() {
        ServerConfig config =
                ServerConfig.defaults().withBroker(BrokerSettings.builder().build());
        config = config.withTransport(
                config.transport().withListeners(List.of(ListenerSettings.ws("ws", "127.0.0.1", 0))));
        broker = Broker.builder().config(config).build().start();
    }

    @AfterEach
    void stop() {
        broker.close();
    }

    private Client open() {
        Client client = new Client();
        client.socket = HttpClient.newHttpClient()
                .newWebSocketBuilder()
                .subprotocols("mqtt")
                .buildAsync(URI.create("ws://127.0.0.1:" + broker.port("ws") + "/mqtt"), client)
                .join();
        return client;
    }

    @Test
    void theServerSelectsTheMqttSubprotocol() throws Exception {
        Client client = open();
        // [MQTT-6.0.0-4] the subprotocol the server returns is "mqtt"
        assertThat(client.socket.getSubprotocol()).isEqualTo("mqtt");
        client.sendHex(CONNECT);
        assertThat(client.nextHex()).isEqualTo("20020000");
    }

    @Test
    void packetsNeedNotLineUpWithWebSocketMessages() throws Exception {
        Client client = open();
        byte[] connect = RawMqttClient.hexToBytes(CONNECT);
        // [MQTT-6.0.0-2] the CONNECT split over two messages, then two PINGREQs in one message
        client.send(Arrays.copyOfRange(connect, 0, 5));
        client.send(Arrays.copyOfRange(connect, 5, connect.length));
        assertThat(client.nextHex()).isEqualTo("20020000");
        client.sendHex("C0 00 C0 00");
        StringBuilder answers = new StringBuilder(client.nextHex());
        while (answers.length() < 8) {
            answers.append(client.nextHex());
        }
        assertThat(answers.toString()).isEqualTo("d000d000");
    }

    @Test
    void aTextFrameClosesTheConnection() throws Exception {
        Client client = open();
        client.sendHex(CONNECT);
        assertThat(client.nextHex()).isEqualTo("20020000");
        client.socket.sendText("10", true).join();
        // [MQTT-6.0.0-1] only binary frames carry MQTT: anything else ends the connection
        String end = client.ended.poll(5, TimeUnit.SECONDS);
        assertThat(end).as("the connection ended").isNotNull();
        assertThat(client.received).isEmpty();
    }

    /** Sends raw bytes as binary messages; collects the broker's binary messages as hex and how the socket ended. */
    private static final class Client implements WebSocket.Listener {
        final LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
        final LinkedBlockingQueue<String> ended = new LinkedBlockingQueue<>();
        private final ByteArrayOutputStream message = new ByteArrayOutputStream();
        WebSocket socket;

        void send(byte[] bytes) {
            socket.sendBinary(ByteBuffer.wrap(bytes), true).join();
        }

        void sendHex(String hex) {
            send(RawMqttClient.hexToBytes(hex));
        }

        String nextHex() throws InterruptedException {
            String hex = received.poll(5, TimeUnit.SECONDS);
            assertThat(hex).as("a binary message from the broker").isNotNull();
            return hex;
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
