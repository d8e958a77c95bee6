package io.cicada.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cicada.broker.transport.ListenerSettings;
import io.cicada.broker.transport.tls.TlsSettings;
import io.cicada.server.Broker;
import io.cicada.server.config.ServerConfig;
import io.cicada.server.security.SecuritySettings;
import io.cicada.testkit.TestPki;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cicada bench} over WebSocket ({@code --ws}, {@code --ws-path}) as a process against a Cicada broker with a
 * TCP, a {@code ws} and a {@code wss} listener: delivered counts verified, connections held, and a wrong upgrade path refused.
 * (Debian's Mosquitto 2.0.11 cannot open a WebSocket listener on this machine, so it is not a target here.)
 */
class BenchWebSocketTest {
    @TempDir
    static Path dir;

    private static TestPki pki;
    private static Broker broker;

    @BeforeAll
    static void start() {
        pki = TestPki.create(dir, "bench WSS test CA");
        TestPki.Issued server = pki.issueServer("localhost");
        ServerConfig config = ServerConfig.defaults();
        config = config.withTransport(config.transport()
                        .withListeners(List.of(
                                ListenerSettings.tcp("tcp", "127.0.0.1", 0),
                                ListenerSettings.ws("ws", "127.0.0.1", 0),
                                ListenerSettings.ws("wss", "127.0.0.1", 0))))
                .withSecurity(SecuritySettings.defaults()
                        .withTls("wss", TlsSettings.pem(server.certFile(), server.keyFile())));
        broker = Broker.builder().config(config).build().start();
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    private static String wsPort() {
        return Integer.toString(broker.port("ws"));
    }

    @Test
    void pubOverWebSocketDeliversEveryAcknowledgedMessage() {
        CliProcess.Result result = CliProcess.run(
                "bench",
                "pub",
                "--ws",
                "-h",
                "127.0.0.1",
                "-p",
                wsPort(),
                "-c",
                "2",
                "-S",
                "2",
                "-q",
                "1",
                "-L",
                "200",
                "-d",
                "60",
                "-s",
                "300",
                "-t",
                "ws/%i",
                "-I",
                "ws-",
                "--no-progress");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout()).anyMatch(line -> line.matches("bench pub: .* MQTT 3.1.1 over ws, .*"));
        assertThat(result.stdout()).anyMatch(line -> line.matches("acked +400 .*"));
        // Two subscribers on ws/+ each get both publishers' 200 messages.
        assertThat(result.stdout()).anyMatch(line -> line.matches("delivery +ok 800/800"));
    }

    @Test
    void pubOverSecureWebSocketChecksTheBrokersCertificate() {
        CliProcess.Result result = CliProcess.run(
                "bench",
                "pub",
                "--ws",
                "--tls",
                "--cafile",
                pki.caFile().toString(),
                "-h",
                "127.0.0.1",
                "-p",
                Integer.toString(broker.port("wss")),
                "-c",
                "1",
                "-S",
                "1",
                "-q",
                "2",
                "-L",
                "100",
                "-d",
                "60",
                "-t",
                "wss/%i",
                "-I",
                "wss-",
                "--no-progress");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout()).anyMatch(line -> line.matches("bench pub: .* over wss, .*"));
        assertThat(result.stdout()).anyMatch(line -> line.matches("delivery +ok 100/100"));
    }

    @Test
    void connOverWebSocketWithMqtt5HoldsEveryConnection() {
        CliProcess.Result result = CliProcess.run(
                "bench",
                "conn",
                "--ws-path",
                "/mqtt",
                "-V",
                "5",
                "-h",
                "127.0.0.1",
                "-p",
                wsPort(),
                "-c",
                "30",
                "--connect-rate",
                "300",
                "-d",
                "1",
                "-I",
                "wsconn-",
                "--no-progress");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout()).anyMatch(line -> line.matches("bench conn: 30 clients .* over ws"));
        assertThat(result.stdout()).anyMatch(line -> line.matches("connections +30 .*"));
        assertThat(result.stdout()).anyMatch(line -> line.matches("dropped +0"));
    }

    @Test
    void aWrongUpgradePathFailsEveryConnection() {
        CliProcess.Result result = CliProcess.run(
                "bench",
                "conn",
                "--ws-path",
                "/nothing-here",
                "-h",
                "127.0.0.1",
                "-p",
                wsPort(),
                "-c",
                "2",
                "-d",
                "0",
                "-I",
                "wspath-",
                "--no-progress");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.ERROR);
        assertThat(result.stdout()).anyMatch(line -> line.matches("failed +2"));
        assertThat(result.stderr()).anyMatch(line -> line.startsWith("bench: client 0: ") && line.contains("404"));
    }

    @Test
    void aTcpPortIsNotAWebSocketEndpoint() {
        CliProcess.Result result = CliProcess.run(
                "bench",
                "conn",
                "--ws",
                "-h",
                "127.0.0.1",
                "-p",
                Integer.toString(broker.port("tcp")),
                "-c",
                "1",
                "-d",
                "0",
                "-I",
                "wstcp-",
                "--no-progress");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.ERROR);
        assertThat(result.stdout()).anyMatch(line -> line.matches("failed +1"));
    }
}
