package io.cicada.broker.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.cicada.mqtt.packet.Connect;
import io.cicada.mqtt.packet.PacketType;
import io.cicada.mqtt.packet.ReasonCode;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WebSocketListenerTest {

    private static final String PING = "c000";

    private final RecordingAcceptor acceptor = new RecordingAcceptor();
    private final HttpClient http = HttpClient.newHttpClient();
    private TransportServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close(Duration.ofSeconds(2));
        }
    }

    private URI start(WebSocketSettings ws) {
        ListenerSettings listener = ListenerSettings.ws("ws", "127.0.0.1", 0).withWebSocket(ws);
        server = new TransportServer(TransportSettings.defaults().withListeners(List.of(listener)), 4096, acceptor, 2)
                .start();
        return URI.create("ws://127.0.0.1:" + server.boundPort("ws") + ws.path());
    }

    private Frames connect(URI uri, String... headers) {
        Frames frames = new Frames();
        WebSocket.Builder builder = http.newWebSocketBuilder().subprotocols("mqtt");
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        frames.socket = builder.buildAsync(uri, frames).join();
        return frames;
    }

    @Test
    void aConnectInOneFrameIsAnsweredWithAConnAckInABinaryFrame() throws Exception {
        Frames client = connect(start(WebSocketSettings.defaults()));
        assertThat(client.socket.getSubprotocol()).isEqualTo("mqtt");

        client.sendHex(TestClient.CONNECT_311, true);

        assertThat(client.nextHex()).isEqualTo("20020000");
        assertThat(acceptor.only().packets).singleElement().isInstanceOf(Connect.class);
    }

    @Test
    void aPacketSplitAcrossFramesAndPacketsPackedInOneFrameAreDecoded() throws Exception {
        Frames client = connect(start(WebSocketSettings.defaults()));
        String connect = TestClient.CONNECT_311;
        // CONNECT in three frames (two of them continuations of one fragmented message), then three PINGREQs in one.
        client.sendHex(connect.substring(0, 6), false);
        client.sendHex(connect.substring(6, 20), false);
        client.sendHex(connect.substring(20), true);
        assertThat(client.nextHex()).isEqualTo("20020000");
        client.sendHex(PING + PING + PING, true);

        await().atMost(Duration.ofSeconds(5))
                .until(() -> acceptor.only().packets.stream()
                                .filter(p -> p.type() == PacketType.PINGREQ)
                                .count()
                        == 3);
    }

    @Test
    void theOldSubprotocolNameIsAccepted() {
        URI uri = start(WebSocketSettings.defaults());
        Frames frames = new Frames();
        frames.socket = http.newWebSocketBuilder()
                .subprotocols("mqttv3.1")
                .buildAsync(uri, frames)
                .join();
        assertThat(frames.socket.getSubprotocol()).isEqualTo("mqttv3.1");
    }

    @Test
    void anotherPathIsNotFound() throws Exception {
        URI uri = start(WebSocketSettings.defaults().withPath("/broker"));
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + uri.getPort() + "/mqtt"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(connect(uri).socket.getSubprotocol()).isEqualTo("mqtt");
    }

    @Test
    void anOriginNotInTheListIsRefused() {
        URI uri = start(WebSocketSettings.defaults().withAllowedOrigins(List.of("https://good.example")));
        assertThatThrownBy(() -> connect(uri, "Origin", "https://evil.example"))
                .isInstanceOf(CompletionException.class);
        assertThat(connect(uri, "Origin", "https://good.example").socket.getSubprotocol())
                .isEqualTo("mqtt");
        assertThat(acceptor.connections).hasSize(1);
    }

    @Test
    void forwardedForIsBelievedOnlyFromATrustedProxy() throws Exception {
        URI trusting = start(WebSocketSettings.defaults().withTrustedProxies(List.of("127.0.0.1")));
        connect(trusting, "X-Forwarded-For", "203.0.113.7, 127.0.0.1").sendHex(TestClient.CONNECT_311, true);
        await().atMost(Duration.ofSeconds(5)).until(() -> acceptor.connections.size() == 1);
        assertThat(acceptor.only().outbound.remoteAddress()).isEqualTo("203.0.113.7");
        stop();

        URI untrusting = start(WebSocketSettings.defaults());
        connect(untrusting, "X-Forwarded-For", "203.0.113.7").sendHex(TestClient.CONNECT_311, true);
        await().atMost(Duration.ofSeconds(5)).until(() -> acceptor.connections.size() == 2);
        assertThat(acceptor.connections.get(1).outbound.remoteAddress()).startsWith("127.0.0.1:");
    }

    @Test
    void perMessageDeflateIsNegotiatedWhenEnabled() throws Exception {
        // The JDK client does not offer permessage-deflate, so check the response to a raw upgrade that does.
        URI uri = start(WebSocketSettings.defaults().withCompression(true));
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", uri.getPort())) {
            socket.getOutputStream()
                    .write(("GET /mqtt HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                                    + "Sec-WebSocket-Protocol: mqtt\r\n"
                                    + "Sec-WebSocket-Extensions: permessage-deflate\r\n\r\n")
                            .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            socket.setSoTimeout(5000);
            byte[] buffer = new byte[1024];
            int n = socket.getInputStream().read(buffer);
            String response = new String(buffer, 0, n, java.nio.charset.StandardCharsets.US_ASCII);
            assertThat(response).startsWith("HTTP/1.1 101").containsIgnoringCase("permessage-deflate");
        }
    }

    @Test
    void aTextFrameClosesTheConnection() throws Exception {
        Frames client = connect(start(WebSocketSettings.defaults()));
        client.socket.sendText("hello", true).join();
        assertThat(client.closeCode.poll(5, TimeUnit.SECONDS)).isEqualTo(1003);
    }

    @Test
    void aServerSideCloseSendsNoEmptyFrame() throws Exception {
        Frames client = connect(start(WebSocketSettings.defaults()));
        client.sendHex(TestClient.CONNECT_311, true);
        assertThat(client.nextHex()).isEqualTo("20020000");

        acceptor.only().outbound.close();

        assertThat(client.ended.poll(5, TimeUnit.SECONDS)).startsWith("close 1000");
        assertThat(client.received).isEmpty();
    }

    @Test
    void aCloseForAReasonSendsTheMatchingCloseStatusAndTheReasonCodeName() throws Exception {
        Frames client = connect(start(WebSocketSettings.defaults()));
        client.sendHex(TestClient.CONNECT_311, true);
        assertThat(client.nextHex()).isEqualTo("20020000");

        acceptor.only().outbound.close(ReasonCode.KEEP_ALIVE_TIMEOUT);

        assertThat(client.ended.poll(5, TimeUnit.SECONDS)).isEqualTo("close 1002 0x8D Keep Alive timeout");
        await().atMost(Duration.ofSeconds(5)).until(() -> acceptor.only().count("closed") == 1);
    }

    @Test
    void reasonCodesMapToCloseStatusesByWhoseFaultTheCloseIs() {
        assertThat(WebSocketFrameCodec.closeStatus(ReasonCode.NORMAL_DISCONNECTION))
                .isEqualTo(WebSocketCloseStatus.NORMAL_CLOSURE);
        assertThat(WebSocketFrameCodec.closeStatus(ReasonCode.SESSION_TAKEN_OVER))
                .isEqualTo(WebSocketCloseStatus.NORMAL_CLOSURE);
        assertThat(WebSocketFrameCodec.closeStatus(ReasonCode.ADMINISTRATIVE_ACTION))
                .isEqualTo(WebSocketCloseStatus.NORMAL_CLOSURE);
        assertThat(WebSocketFrameCodec.closeStatus(ReasonCode.SERVER_SHUTTING_DOWN))
                .isEqualTo(WebSocketCloseStatus.ENDPOINT_UNAVAILABLE);
        assertThat(WebSocketFrameCodec.closeStatus(ReasonCode.MALFORMED_PACKET))
                .isEqualTo(WebSocketCloseStatus.PROTOCOL_ERROR);
        assertThat(WebSocketFrameCodec.closeStatus(ReasonCode.KEEP_ALIVE_TIMEOUT))
                .isEqualTo(WebSocketCloseStatus.PROTOCOL_ERROR);
        assertThat(WebSocketFrameCodec.closeStatus(ReasonCode.NOT_AUTHORIZED))
                .isEqualTo(WebSocketCloseStatus.POLICY_VIOLATION);
        assertThat(WebSocketFrameCodec.closeStatus(ReasonCode.QUOTA_EXCEEDED))
                .isEqualTo(WebSocketCloseStatus.POLICY_VIOLATION);
        assertThat(WebSocketFrameCodec.closeStatus(ReasonCode.SERVER_BUSY))
                .isEqualTo(WebSocketCloseStatus.INTERNAL_SERVER_ERROR);
    }

    /** Collects binary messages from the server as hex. */
    private static final class Frames implements WebSocket.Listener {
        final LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
        final LinkedBlockingQueue<Integer> closeCode = new LinkedBlockingQueue<>();
        final LinkedBlockingQueue<String> ended = new LinkedBlockingQueue<>();
        WebSocket socket;

        void sendHex(String hex, boolean last) {
            socket.sendBinary(ByteBuffer.wrap(HexFormat.of().parseHex(hex)), last)
                    .join();
        }

        String nextHex() throws InterruptedException {
            String hex = received.poll(5, TimeUnit.SECONDS);
            assertThat(hex).as("a binary frame from the broker").isNotNull();
            return hex;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            received.add(HexFormat.of().formatHex(bytes));
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closeCode.add(statusCode);
            ended.add(("close " + statusCode + " " + reason).strip());
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            ended.add("error " + error);
        }
    }
}
