package io.cicada.broker.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.channel.epoll.Epoll;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TransportKindTest {

    private final RecordingAcceptor acceptor = new RecordingAcceptor();

    @Test
    void autoPrefersEpollWhenItIsAvailable() {
        assertThat(TransportKind.AUTO.resolve())
                .isEqualTo(Epoll.isAvailable() ? TransportKind.EPOLL : TransportKind.NIO);
    }

    @Test
    void nioIsUsedWhenAskedFor() throws IOException {
        assertThat(TransportKind.NIO.resolve()).isEqualTo(TransportKind.NIO);
        assertServesConnect(TransportKind.NIO, "nio");
    }

    @Test
    void epollIsUsedWhenAskedForAndAvailable() throws IOException {
        assumeTrue(Epoll.isAvailable(), "native epoll is not available here");
        assertServesConnect(TransportKind.EPOLL, "epoll");
    }

    @Test
    void epollAskedForButMissingFailsWithAClearMessage() {
        assumeFalse(Epoll.isAvailable(), "native epoll is available here");
        assertThatThrownBy(TransportKind.EPOLL::resolve)
                .isInstanceOf(TransportStartException.class)
                .hasMessageStartingWith("transport 'epoll' is not available on this machine");
    }

    private void assertServesConnect(TransportKind kind, String expectedName) throws IOException {
        TransportServer server =
                new TransportServer(TransportSettings.tcp("127.0.0.1", 0).withKind(kind), 1024, acceptor, 1).start();
        try (TestClient client = new TestClient(server.boundPort("tcp"))) {
            assertThat(server.kindName()).isEqualTo(expectedName);
            client.sendHex(TestClient.CONNECT_311);
            assertThat(client.readHex(4)).isEqualTo("20020000");
        } finally {
            server.close(Duration.ofSeconds(2));
        }
    }
}
