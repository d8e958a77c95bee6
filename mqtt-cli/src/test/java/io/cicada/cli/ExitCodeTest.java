package io.cicada.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cicada.testkit.CicadaBroker;
import io.cicada.testkit.MosquittoBroker;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The exit codes and one-line error messages scripts rely on ({@link ExitCode}), from brokers that refuse: a Cicada
 * without anonymous access and without wildcard subscriptions, a Mosquitto without anonymous access, and no broker.
 */
class ExitCodeTest {
    @RegisterExtension
    static final CicadaBroker strict =
            CicadaBroker.create().withSettings(s -> s.allowAnonymous(false).wildcardSubscriptionAvailable(false));

    @RegisterExtension
    static final CicadaBroker open = CicadaBroker.create().withSettings(s -> s.wildcardSubscriptionAvailable(false));

    private static MosquittoBroker mosquitto;

    @BeforeAll
    static void startMosquitto() {
        mosquitto = MosquittoBroker.start("allow_anonymous false");
    }

    @AfterAll
    static void stopMosquitto() {
        mosquitto.close();
    }

    @Test
    void refusedConnectionNamesTheReasonCodeInMqtt5AndMqtt311() {
        CliProcess.Result v5 = CliProcess.run(
                "pub", "-p", Integer.toString(mosquitto.port()), "-h", "127.0.0.1", "-V", "5", "-t", "a", "-m", "x");
        assertThat(v5.exitCode()).as(v5.toString()).isEqualTo(ExitCode.REFUSED);
        assertThat(v5.stderr()).containsExactly("cicada pub: connection refused: not authorized (0x87)");

        CliProcess.Result v311 =
                CliProcess.run("sub", "-p", Integer.toString(mosquitto.port()), "-h", "127.0.0.1", "-t", "a");
        assertThat(v311.exitCode()).isEqualTo(ExitCode.REFUSED);
        assertThat(v311.stderr()).containsExactly("cicada sub: connection refused: not authorized (0x05)");
    }

    @Test
    void cicadaRefusesAnonymousClientsWithAReasonCode() {
        CliProcess.Result result = CliProcess.run(
                "pub", "-p", Integer.toString(strict.port()), "-h", "127.0.0.1", "-V", "5", "-t", "a", "-m", "x");
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.REFUSED);
        assertThat(result.stderr())
                .singleElement()
                .asString()
                .matches("cicada pub: connection refused: .+ \\(0x8[67]\\)");
    }

    @Test
    void refusedSubscriptionExitsWith5() {
        CliProcess.Result result =
                CliProcess.run("sub", "-p", Integer.toString(open.port()), "-h", "127.0.0.1", "-V", "5", "-t", "a/#");
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.REJECTED);
        assertThat(result.stderr().get(0))
                .isEqualTo("cicada sub: subscription to a/# refused: wildcard subscriptions not supported (0xA2)");
    }

    @Test
    void refusedPublishExitsWith5() {
        CliProcess.Result result = CliProcess.run(
                "pub",
                "-p",
                Integer.toString(open.port()),
                "-h",
                "127.0.0.1",
                "-V",
                "5",
                "-q",
                "1",
                "-t",
                "$SYS/mine",
                "-m",
                "x");
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.REJECTED);
        assertThat(result.stderr()).containsExactly("cicada pub: publish refused (PUBACK): not authorized (0x87)");
    }

    @Test
    void noBrokerExitsWith3() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        CliProcess.Result result =
                CliProcess.run("pub", "-h", "127.0.0.1", "-p", Integer.toString(closedPort), "-t", "a", "-m", "x");
        assertThat(result.exitCode()).isEqualTo(ExitCode.UNREACHABLE);
        assertThat(result.stderr()).singleElement().asString().startsWith("cicada pub: cannot connect: ");
    }

    @Test
    void subTimesOutWithCode27LikeMosquittoSub() {
        CliProcess.Result result =
                CliProcess.run("sub", "-p", Integer.toString(open.port()), "-h", "127.0.0.1", "-t", "quiet", "-W", "1");
        assertThat(result.exitCode()).isEqualTo(ExitCode.TIMED_OUT);
        assertThat(result.stderr()).containsExactly("cicada sub: timed out");
    }

    @Test
    void badUsageExitsWith2AndSaysWhy() {
        CliProcess.Result wildcard = CliProcess.run("pub", "-t", "a/#", "-m", "x");
        assertThat(wildcard.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(wildcard.stderr().get(0)).isEqualTo("invalid publish topic 'a/#' (empty, or contains + or #)");

        CliProcess.Result twoSources = CliProcess.run("pub", "-t", "a", "-m", "x", "-n");
        assertThat(twoSources.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(twoSources.stderr().get(0)).isEqualTo("give exactly one of -m, -f, -s, -l or -n");
    }
}
