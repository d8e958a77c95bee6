package io.cicada.broker.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ProxyProtocolTest {

    /** PROXY v2 signature, version 2 / PROXY command, TCP over IPv4, 12 address bytes. */
    private static final String V2_HEADER = "0d0a0d0a000d0a515549540a" + "21" + "11" + "000c"
            // source 198.51.100.20, destination 10.0.0.1, source port 40000, destination port 1883
            + "c6336414" + "0a000001" + "9c40" + "075b";

    /** PROXY v2 LOCAL command (a load balancer's health check), no addresses. */
    private static final String V2_LOCAL = "0d0a0d0a000d0a515549540a" + "20" + "00" + "0000";

    private final RecordingAcceptor acceptor = new RecordingAcceptor();
    private TransportServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close(Duration.ofSeconds(2));
        }
    }

    private int start() {
        ListenerSettings listener = ListenerSettings.tcp("tcp", "127.0.0.1", 0).withProxyProtocol(true);
        server = new TransportServer(TransportSettings.defaults().withListeners(List.of(listener)), 1024, acceptor, 2)
                .start();
        return server.boundPort("tcp");
    }

    @Test
    void aVersion1HeaderNamesTheClient() throws IOException {
        try (TestClient client = new TestClient(start())) {
            String header = "PROXY TCP4 203.0.113.9 10.0.0.1 51000 1883\r\n";
            client.sendHex(
                    HexFormat.of().formatHex(header.getBytes(StandardCharsets.US_ASCII)) + TestClient.CONNECT_311);

            assertThat(client.readHex(4)).isEqualTo("20020000");
            assertThat(acceptor.only().outbound.remoteAddress()).isEqualTo("203.0.113.9:51000");
        }
    }

    @Test
    void aVersion2HeaderNamesTheClient() throws IOException {
        try (TestClient client = new TestClient(start())) {
            client.sendHex(V2_HEADER + TestClient.CONNECT_311);

            assertThat(client.readHex(4)).isEqualTo("20020000");
            assertThat(acceptor.only().outbound.remoteAddress()).isEqualTo("198.51.100.20:40000");
        }
    }

    @Test
    void aLocalCommandKeepsTheSocketAddress() throws IOException {
        try (TestClient client = new TestClient(start())) {
            client.sendHex(V2_LOCAL + TestClient.CONNECT_311);

            assertThat(client.readHex(4)).isEqualTo("20020000");
            assertThat(acceptor.only().outbound.remoteAddress()).startsWith("127.0.0.1:");
        }
    }

    @Test
    void mqttWithoutAHeaderIsRefused() throws IOException {
        try (TestClient client = new TestClient(start())) {
            client.sendHex(TestClient.CONNECT_311);

            assertThat(client.awaitClosedByServer()).isTrue();
            assertThat(acceptor.connections).isEmpty();
        }
    }
}
