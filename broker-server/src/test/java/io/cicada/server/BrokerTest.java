package io.cicada.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cicada.broker.BrokerSettings;
import io.cicada.broker.transport.TransportStartException;
import io.cicada.server.config.ServerConfig;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class BrokerTest {

    /** CONNECT, MQTT 3.1.1, clean session, keep-alive 60 s, client id "a". */
    private static final byte[] CONNECT_311 = HexFormat.of().parseHex("100d00044d5154540402003c000161");

    @Test
    void startsOnAFreePortAndAnswersConnectWithConnAck() throws IOException {
        try (Broker broker = Broker.builder().host("127.0.0.1").port(0).build().start();
                Socket socket = new Socket("127.0.0.1", broker.port())) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(CONNECT_311);

            byte[] connAck = socket.getInputStream().readNBytes(4);

            assertThat(HexFormat.of().formatHex(connAck)).isEqualTo("20020000");
            assertThat(broker.port()).isPositive();
            assertThat(broker.uri()).isEqualTo("tcp://127.0.0.1:" + broker.port());
            assertThat(broker.uris()).containsExactly(broker.uri());
            assertThat(broker.host()).isEqualTo("127.0.0.1");
            assertThat(broker.transportName()).isIn("epoll", "nio");
            assertThat(broker.core()).isNotNull();
        }
    }

    @Test
    void closeEndsConnectionsAndFreesThePort() throws IOException {
        Broker broker = Broker.builder().port(0).build().start();
        int port = broker.port();
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(CONNECT_311);
            socket.getInputStream().readNBytes(4);

            broker.close();
            broker.close();

            assertThat(readUntilClosed(socket.getInputStream())).isTrue();
            assertThat(broker.isRunning()).isFalse();
            assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(ConnectException.class);
            assertThatThrownBy(broker::port).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void closeSendsMqtt5ClientsServerShuttingDownBeforeClosing() throws IOException {
        Broker broker = Broker.builder().port(0).build().start();
        try (Socket socket = new Socket("127.0.0.1", broker.port())) {
            socket.setSoTimeout(5_000);
            // CONNECT, MQTT 5, clean start, keep-alive 60 s, no properties, client id "a"
            socket.getOutputStream().write(HexFormat.of().parseHex("100e00044d5154540502003c00000161"));
            InputStream in = socket.getInputStream();
            assertThat(in.read()).isEqualTo(0x20);
            in.readNBytes(in.read()); // CONNACK with a one-byte remaining length

            broker.close();

            assertThat(in.read()).as("DISCONNECT").isEqualTo(0xE0);
            in.read();
            assertThat(in.read()).as("reason code").isEqualTo(0x8B);
            assertThat(readUntilClosed(in)).isTrue();
        } finally {
            broker.close();
        }
    }

    @Test
    void settingsAndAddressOverrideTheConfigWhateverTheOrder() {
        BrokerSettings settings = BrokerSettings.builder().sysIntervalSeconds(0).build();
        ServerConfig config = ServerConfig.defaults()
                .withBroker(BrokerSettings.builder().maximumQos(1).build());

        Broker broker =
                Broker.builder().port(0).settings(settings).config(config).build();

        assertThat(broker.config().broker()).isEqualTo(settings);
        assertThat(broker.config().transport().listeners().get(0).port()).isZero();
        assertThat(broker.isRunning()).isFalse();
    }

    @Test
    void aTakenPortFailsStartWithOneLine() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            Broker broker = Broker.builder().port(taken.getLocalPort()).build();

            assertThatThrownBy(broker::start)
                    .isInstanceOf(TransportStartException.class)
                    .hasMessage("cannot listen on 127.0.0.1:" + taken.getLocalPort() + ": address already in use");
            assertThat(broker.isRunning()).isFalse();
        }
    }

    @Test
    void aBrokerStartsOnce() {
        try (Broker broker = Broker.builder().port(0).build().start()) {
            assertThatThrownBy(broker::start).isInstanceOf(IllegalStateException.class);
        }
    }

    private static boolean readUntilClosed(InputStream in) throws IOException {
        try {
            for (int i = 0; i < 1_000_000; i++) {
                if (in.read() < 0) {
                    return true;
                }
            }
            return false;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }
}
