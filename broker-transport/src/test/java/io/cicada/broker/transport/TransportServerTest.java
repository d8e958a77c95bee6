package io.cicada.broker.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.cicada.mqtt.packet.ConnAck;
import io.cicada.mqtt.packet.Connect;
import io.cicada.mqtt.packet.Payload;
import io.cicada.mqtt.packet.Properties;
import io.cicada.mqtt.packet.Publish;
import io.netty.channel.EventLoop;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TransportServerTest {

    private final RecordingAcceptor acceptor = new RecordingAcceptor();
    private TransportServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close(Duration.ofSeconds(2));
        }
    }

    private TransportServer start(TransportSettings settings) {
        server = new TransportServer(settings, 1024, acceptor, 2).start();
        return server;
    }

    private int startOnFreePort() {
        return start(TransportSettings.tcp("127.0.0.1", 0)).boundPort("tcp");
    }

    @Test
    void connectIsDecodedAndTheConnAckReachesTheSocket() throws IOException {
        int port = startOnFreePort();
        try (TestClient client = new TestClient(port)) {
            client.sendHex(TestClient.CONNECT_311);

            assertThat(client.readHex(4)).isEqualTo("20020000");
            RecordingAcceptor.Connection connection = acceptor.only();
            assertThat(connection.packets).singleElement().isInstanceOfSatisfying(Connect.class, connect -> assertThat(
                            connect.clientId())
                    .isEqualTo("a"));
            await().atMost(Duration.ofSeconds(5)).until(() -> connection.events.contains("readComplete"));
            assertThat(connection.events.get(0)).isEqualTo("receive CONNECT");
        }
    }

    @Test
    void publishPacketsAndTheirPayloadBytesAreCountedForTheListenerTheyCrossed() throws IOException {
        start(TransportSettings.defaults()
                .withListeners(
                        List.of(ListenerSettings.tcp("a", "127.0.0.1", 0), ListenerSettings.tcp("b", "127.0.0.1", 0))));
        try (TestClient client = new TestClient(server.boundPort("a"))) {
            client.sendHex(TestClient.CONNECT_311);
            client.readHex(4);
            client.sendHex("300800017468656c6c6f"); // PUBLISH QoS 0 to "t" with "hello"
            await().atMost(Duration.ofSeconds(5)).until(() -> acceptor.only().count("receive PUBLISH") == 1);
            acceptor.only().outbound.send(Publish.qos0("t", Payload.wrap(new byte[] {1, 2, 3})));
            acceptor.only().outbound.flush();
            assertThat(client.readHex(8)).isEqualTo("3006000174010203");
        }

        ListenerTraffic a = server.listenerTraffic().get(0);
        ListenerTraffic b = server.listenerTraffic().get(1);
        assertThat(a.listenerName()).isEqualTo("a");
        assertThat(List.of(a.messagesReceived(), a.bytesReceived(), a.messagesSent(), a.bytesSent()))
                .containsExactly(1L, 5L, 1L, 3L);
        assertThat(List.of(b.messagesReceived(), b.bytesReceived(), b.messagesSent(), b.bytesSent()))
                .containsExactly(0L, 0L, 0L, 0L);
    }

    @Test
    void everyInboundCallHappensOnTheConnectionsEventLoop() throws IOException {
        int port = startOnFreePort();
        try (TestClient client = new TestClient(port)) {
            client.sendHex(TestClient.CONNECT_311);
            client.readHex(4);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> acceptor.only().events.contains("closed"));
        assertThat(acceptor.only().allOnEventLoop).isTrue();
    }

    @Test
    void closedIsCalledExactlyOnceWhenTheClientLeaves() throws IOException {
        int port = startOnFreePort();
        try (TestClient client = new TestClient(port)) {
            client.sendHex(TestClient.CONNECT_311);
            client.readHex(4);
        }
        RecordingAcceptor.Connection connection = acceptor.only();
        await().atMost(Duration.ofSeconds(5)).until(() -> connection.count("closed") == 1);

        server.close(Duration.ofSeconds(2));

        assertThat(connection.count("closed")).isEqualTo(1);
        assertThat(connection.events.get(connection.events.size() - 1)).isEqualTo("closed");
    }

    @Test
    void outboundCloseFlushesThenClosesAndCallsClosedOnce() throws IOException {
        int port = startOnFreePort();
        try (TestClient client = new TestClient(port)) {
            client.sendHex(TestClient.CONNECT_311);
            client.readHex(4);
            RecordingAcceptor.Connection connection = acceptor.only();

            connection.outbound.send(new ConnAck(true, 0, Properties.EMPTY));
            connection.outbound.close();
            connection.outbound.close();

            assertThat(client.readHex(4)).isEqualTo("20020100");
            assertThat(client.awaitClosedByServer()).isTrue();
            await().atMost(Duration.ofSeconds(5)).until(() -> connection.count("closed") == 1);
        }
        server.close(Duration.ofSeconds(2));
        assertThat(acceptor.only().count("closed")).isEqualTo(1);
    }

    @Test
    void closeWritesEverythingQueuedBeforeClosing() throws IOException {
        int port = startOnFreePort();
        try (TestClient client = new TestClient(port)) {
            client.sendHex(TestClient.CONNECT_311);
            client.readHex(4);
            var outbound = acceptor.only().outbound;
            byte[] payload = new byte[4 * 1024 * 1024]; // far beyond the socket buffers
            Arrays.fill(payload, (byte) 'x');

            outbound.executor().execute(() -> {
                outbound.send(Publish.qos0("big", Payload.wrap(payload)));
                outbound.close();
            });

            byte[] header = client.socket.getInputStream().readNBytes(5); // 0x30, 4-byte remaining length
            assertThat(header[0]).isEqualTo((byte) 0x30);
            byte[] rest = client.socket.getInputStream().readNBytes(2 + 3 + payload.length);
            assertThat(rest).hasSize(2 + 3 + payload.length);
            assertThat(rest[rest.length - 1]).isEqualTo((byte) 'x');
            assertThat(client.awaitClosedByServer()).isTrue();
        }
    }

    @Test
    void outboundNamesTheListenerAndTheClientAddress() throws IOException {
        int port = startOnFreePort();
        try (TestClient client = new TestClient(port)) {
            await().atMost(Duration.ofSeconds(5)).until(() -> acceptor.connections.size() == 1);
            var outbound = acceptor.only().outbound;

            assertThat(outbound.listenerName()).isEqualTo("tcp");
            assertThat(outbound.remoteAddress()).isEqualTo("127.0.0.1:" + client.socket.getLocalPort());
            assertThat(outbound.isWritable()).isTrue();
        }
    }

    @Test
    void scheduledTasksRunOnTheEventLoopAndCanBeCancelled() throws Exception {
        int port = startOnFreePort();
        try (TestClient client = new TestClient(port)) {
            await().atMost(Duration.ofSeconds(5)).until(() -> acceptor.connections.size() == 1);
            var outbound = acceptor.only().outbound;
            assertThat(outbound.remoteAddress()).endsWith(":" + client.socket.getLocalPort());
            var loop = (EventLoop) outbound.executor();
            var ranOnLoop = new CompletableFuture<Boolean>();
            var cancelledRan = new AtomicBoolean();

            outbound.schedule(() -> cancelledRan.set(true), 50, TimeUnit.MILLISECONDS)
                    .cancel();
            outbound.schedule(() -> ranOnLoop.complete(loop.inEventLoop()), 100, TimeUnit.MILLISECONDS);

            assertThat(ranOnLoop.get(5, TimeUnit.SECONDS)).isTrue();
            assertThat(cancelledRan).isFalse();
        }
    }

    @Test
    void writabilityChangesAreReportedWhenTheBufferCrossesItsMarks() throws IOException {
        acceptor.connAcksPerConnect = 5; // 20 bytes queued before the end-of-read flush
        TransportSettings settings =
                new TransportSettings(List.of(ListenerSettings.tcp("tcp", "127.0.0.1", 0)), TransportKind.AUTO, 4, 8);
        int port = start(settings).boundPort("tcp");
        try (TestClient client = new TestClient(port)) {
            client.sendHex(TestClient.CONNECT_311);

            assertThat(client.readHex(20)).isEqualTo("20020000".repeat(5));
            RecordingAcceptor.Connection connection = acceptor.only();
            await().atMost(Duration.ofSeconds(5)).until(() -> connection.events.contains("writable true"));
            assertThat(connection.events).containsSubsequence("writable false", "writable true");
        }
    }

    @Test
    void closeStopsAcceptingAndClosesOpenConnections() throws IOException {
        int port = startOnFreePort();
        try (TestClient client = new TestClient(port)) {
            client.sendHex(TestClient.CONNECT_311);
            client.readHex(4);

            server.close(Duration.ofSeconds(2));

            assertThat(client.awaitClosedByServer()).isTrue();
            assertThat(acceptor.only().count("closed")).isEqualTo(1);
            assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(ConnectException.class);
        }
    }

    @Test
    void stopAcceptingKeepsExistingConnections() throws IOException {
        int port = startOnFreePort();
        try (TestClient client = new TestClient(port)) {
            client.sendHex(TestClient.CONNECT_311);
            client.readHex(4);

            server.stopAccepting();

            assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(ConnectException.class);
            acceptor.only().outbound.send(new ConnAck(false, 0, Properties.EMPTY));
            acceptor.only().outbound.flush();
            assertThat(client.readHex(4)).isEqualTo("20020000");
        }
    }

    @Test
    void listenersBoundToPortZeroReportTheirRealPorts() {
        TransportSettings settings = new TransportSettings(
                List.of(ListenerSettings.tcp("first", "127.0.0.1", 0), ListenerSettings.tcp("second", "127.0.0.1", 0)),
                TransportKind.AUTO,
                TransportSettings.DEFAULT_LOW_WATER_MARK,
                TransportSettings.DEFAULT_HIGH_WATER_MARK);
        start(settings);

        assertThat(server.boundPort("first")).isPositive().isNotEqualTo(server.boundPort("second"));
        assertThat(server.boundPort("second")).isPositive();
        assertThatThrownBy(() -> server.boundPort("third")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void bindConflictIsReportedInOneLine() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            TransportServer conflicting =
                    new TransportServer(TransportSettings.tcp("127.0.0.1", port), 1024, acceptor, 1);

            assertThatThrownBy(conflicting::start)
                    .isInstanceOf(TransportStartException.class)
                    .hasMessage("cannot listen on 127.0.0.1:" + port + ": address already in use");
        }
    }

    @Test
    void failedStartReleasesListenersAlreadyBound() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            int free;
            try (ServerSocket probe = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
                free = probe.getLocalPort();
            }
            TransportSettings settings = new TransportSettings(
                    List.of(
                            ListenerSettings.tcp("ok", "127.0.0.1", free),
                            ListenerSettings.tcp("taken", "127.0.0.1", taken.getLocalPort())),
                    TransportKind.AUTO,
                    TransportSettings.DEFAULT_LOW_WATER_MARK,
                    TransportSettings.DEFAULT_HIGH_WATER_MARK);
            TransportServer failing = new TransportServer(settings, 1024, acceptor, 1);

            assertThatThrownBy(failing::start).isInstanceOf(TransportStartException.class);
            assertThatThrownBy(() -> new Socket("127.0.0.1", free).close()).isInstanceOf(ConnectException.class);
        }
    }
}
