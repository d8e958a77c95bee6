package io.cicada.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cicada.server.Broker;
import io.cicada.server.CicadaVersion;
import io.cicada.server.config.ConfigLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CicadaMainTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private Map<String, String> environment = Map.of();
    private BrokerCommand.StopSignal stopSignal = broker -> {};

    @TempDir
    Path dir;

    private int run(String... args) {
        CommandLine.IFactory defaults = CommandLine.defaultFactory();
        CommandLine commandLine = CicadaMain.commandLine(new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                return type == BrokerCommand.class
                        ? type.cast(new BrokerCommand(environment, stopSignal))
                        : defaults.create(type);
            }
        });
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    @Test
    void versionNamesTheBuild() {
        assertThat(run("--version")).isZero();
        assertThat(out.toString().trim()).isEqualTo("cicada " + CicadaVersion.current());
        assertThat(CicadaVersion.current()).isNotEqualTo("unknown");
    }

    @Test
    void helpListsTheBrokerCommand() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("broker", "--version");

        assertThat(run("broker", "--help")).isZero();
        assertThat(out.toString()).contains("--config", "--host", "--port", "--set");
    }

    @Test
    void noCommandOrAnUnknownOptionIsAUsageError() {
        assertThat(run()).isEqualTo(2);
        assertThat(err.toString()).contains("missing command");
        assertThat(run("broker", "--prot", "1")).isEqualTo(2);
    }

    @Test
    void configErrorPrintsOneLineAndExitsWith2() throws IOException {
        Path file = Files.writeString(dir.resolve("cicada.yaml"), "sys_interval: 5\nmax_packet_sise: 10\n");

        assertThat(run("broker", "--config", file.toString())).isEqualTo(2);

        assertThat(err.toString().lines())
                .containsExactly(file + ":2: unknown key 'max_packet_sise' (expected one of: "
                        + String.join(", ", ConfigLoader.keyNames()) + ")");
    }

    @Test
    void missingConfigFileAndBadPortAreConfigErrors() {
        assertThat(run("broker", "--config", dir.resolve("none.yaml").toString()))
                .isEqualTo(2);
        assertThat(err.toString()).contains("no such file");

        assertThat(run("broker", "--port", "70000")).isEqualTo(2);
        assertThat(err.toString()).contains("--port 70000: expects an integer 0..65535");
    }

    @Test
    void brokerRunsUntilStoppedAndServesClients() {
        AtomicReference<String> connAck = new AtomicReference<>();
        AtomicReference<Broker> started = new AtomicReference<>();
        stopSignal = broker -> {
            started.set(broker);
            try (Socket socket = new Socket("127.0.0.1", broker.port())) {
                socket.setSoTimeout(5_000);
                socket.getOutputStream().write(HexFormat.of().parseHex("100d00044d5154540402003c000161"));
                connAck.set(HexFormat.of().formatHex(socket.getInputStream().readNBytes(4)));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        };

        Path data = dir.resolve("data");
        assertThat(run("broker", "--host", "127.0.0.1", "--port", "0", "--set", "data_dir=" + data))
                .isZero();

        assertThat(connAck).hasValue("20020000");
        assertThat(started.get().isRunning()).isFalse();
        assertThat(started.get().config().persistence().durable()).isTrue();
        assertThat(data.resolve("CURRENT")).exists();
    }

    @Test
    void flagsWinOverEnvironmentWhichWinsOverTheFile() throws IOException {
        Path file = Files.writeString(
                dir.resolve("cicada.yaml"),
                "sys_interval: 30\nconnect_timeout: 30\n"
                        + "max_keepalive: 30\nlisteners:\n  - name: main\n    port: 1\n");
        environment = Map.of("CICADA_CONNECT_TIMEOUT", "20", "CICADA_MAX_KEEPALIVE", "20");
        AtomicReference<Broker> started = new AtomicReference<>();
        stopSignal = started::set;

        assertThat(run(
                        "broker",
                        "-c",
                        file.toString(),
                        "--set",
                        "max_keepalive=10",
                        "--set",
                        "persistence=memory",
                        "--port",
                        "0"))
                .isZero();

        var settings = started.get().config().broker();
        assertThat(settings.sysIntervalSeconds()).isEqualTo(30);
        assertThat(settings.connectTimeoutSeconds()).isEqualTo(20);
        assertThat(settings.maxKeepAliveSeconds()).isEqualTo(10);
        assertThat(started.get().config().transport().listeners().get(0).name()).isEqualTo("main");
        assertThat(started.get().config().transport().listeners().get(0).port()).isZero();
    }

    @Test
    void anUnusableDataDirectoryIsReportedInOneLineWithExitCode1() throws IOException {
        Path notADatabase = Files.createDirectories(dir.resolve("busy"));
        Files.writeString(notADatabase.resolve("notes.txt"), "mine");

        assertThat(run("broker", "--port", "0", "--set", "data_dir=" + notADatabase))
                .isEqualTo(1);

        assertThat(err.toString().lines())
                .singleElement()
                .asString()
                .startsWith("cannot use the data directory " + notADatabase.toAbsolutePath())
                .contains("no CURRENT file");
        assertThat(notADatabase.resolve("notes.txt")).hasContent("mine");
    }

    @Test
    void aTakenPortIsReportedInOneLineWithExitCode1() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();

            assertThat(run("broker", "--port", String.valueOf(port), "--set", "persistence=memory"))
                    .isEqualTo(1);

            assertThat(err.toString().lines())
                    .containsExactly("cannot listen on 127.0.0.1:" + port + ": address already in use");
        }
    }
}
