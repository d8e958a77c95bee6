package io.cicada.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cicada.cli.Brokers.Target;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code cicada bench} as a process against Cicada and Mosquitto: the delivered counts of QoS 1 and 2 are verified by
 * the bench itself (its exit code) and read back from its summary and JSON; CSV and SVG files are written.
 */
class BenchCommandTest {
    @RegisterExtension
    static final Brokers brokers = new Brokers();

    @TempDir
    Path dir;

    static Stream<Arguments> brokersAndQos() {
        return brokers.both().flatMap(b -> Stream.of(Arguments.of(b, 1), Arguments.of(b, 2)));
    }

    static Stream<Target> brokers() {
        return brokers.both();
    }

    @ParameterizedTest(name = "{0} QoS {1}")
    @MethodSource("brokersAndQos")
    void pubVerifiesThatEverySubscriberGotEveryAcknowledgedMessage(Target broker, int qos) throws IOException {
        Path json = dir.resolve("summary.json");
        Path csv = dir.resolve("seconds.csv");
        Path svg = dir.resolve("latency.svg");
        CliProcess.Result result = CliProcess.run(
                "bench",
                "pub",
                "-h",
                broker.host(),
                "-p",
                broker.portArg(),
                "-c",
                "2",
                "-S",
                "2",
                "-q",
                Integer.toString(qos),
                "-L",
                "250",
                "-d",
                "60",
                "-s",
                "32",
                "-t",
                "bench/" + broker.name() + qos + "/%i",
                "-I",
                "b" + qos + "-",
                "--json",
                json.toString(),
                "--csv",
                csv.toString(),
                "--plot",
                svg.toString());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout()).anyMatch(line -> line.matches("sent +500 .*"));
        assertThat(result.stdout()).anyMatch(line -> line.matches("acked +500 .*"));
        assertThat(result.stdout()).anyMatch(line -> line.matches("delivery +ok 1000/1000"));
        assertThat(result.stdout()).anyMatch(line -> line.matches("ack ms +p50 [0-9.]+ p90 .* p99\\.9 .* max .*"));
        assertThat(Files.readString(json))
                .contains("\"sent\":500", "\"received_all\":1000", "\"delivery\":\"ok 1000/1000\"", "\"p99\":");
        assertThat(Files.readAllLines(csv).get(0)).startsWith("second,connected,sent,acked,received");
        assertThat(Files.readString(svg)).startsWith("<svg").contains("<polyline", "end-to-end");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokers")
    void connOpensHoldsAndClosesTheConnections(Target broker) {
        CliProcess.Result result = CliProcess.run(
                "bench",
                "conn",
                "-h",
                broker.host(),
                "-p",
                broker.portArg(),
                "-c",
                "50",
                "--connect-rate",
                "500",
                "-d",
                "1",
                "-I",
                "conn-");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout()).anyMatch(line -> line.matches("connections +50 .*"));
        assertThat(result.stdout()).anyMatch(line -> line.matches("failed +0"));
        assertThat(result.stdout()).anyMatch(line -> line.startsWith("connect ms "));
        assertThat(result.stderr()).anyMatch(line -> line.matches("\\[ +\\d+s] (connect|hold) +conns \\d+ .*"));
    }

    @Test
    void subCountsWhatPubSendsFromAnotherProcess() {
        Target broker = brokers.cicadaTarget();
        try (CliProcess sub = CliProcess.start(
                "bench",
                "sub",
                "-h",
                broker.host(),
                "-p",
                broker.portArg(),
                "-c",
                "2",
                "-t",
                "fan/#",
                "-q",
                "1",
                "--expect",
                "400",
                "-d",
                "60",
                "-I",
                "bsub-",
                "--no-progress")) {
            sub.awaitStderr(line -> line.startsWith("bench: 2 subscribers"), Duration.ofSeconds(30));

            CliProcess.Result pub = CliProcess.run(
                    "bench",
                    "pub",
                    "-h",
                    broker.host(),
                    "-p",
                    broker.portArg(),
                    "-c",
                    "2",
                    "-L",
                    "100",
                    "-q",
                    "1",
                    "-t",
                    "fan/%i",
                    "-I",
                    "bpub-",
                    "--no-progress");
            assertThat(pub.exitCode()).as(pub.toString()).isZero();

            CliProcess.Result result = sub.awaitExit(Duration.ofSeconds(60));
            assertThat(result.exitCode()).as(result.toString()).isZero();
            assertThat(result.stdout()).anyMatch(line -> line.matches("received +400 .*"));
            assertThat(result.stdout()).anyMatch(line -> line.startsWith("end-to-end ms "));
        }
    }
}
