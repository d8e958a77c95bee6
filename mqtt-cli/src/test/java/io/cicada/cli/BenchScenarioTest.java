package io.cicada.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cicada.cli.Brokers.Target;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The {@code bench pub} scenarios of the benchmark suite as processes against Cicada and Mosquitto: per-subscriber
 * filters ({@code --sub-filter} with {@code %i}), {@code $share} groups counted once, and a run against a broker
 * that delivers too slowly ending within {@code --drain-timeout}, its rates counted over the publishing window only.
 */
class BenchScenarioTest {
    @RegisterExtension
    static final Brokers brokers = new Brokers();

    @TempDir
    Path dir;

    static Stream<Target> brokers() {
        return brokers.both();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokers")
    void eachSubscriberGetsOnlyThePublisherOnItsOwnTopic(Target broker) {
        String base = "pair/" + broker.name() + "/%i";
        CliProcess.Result result = CliProcess.run(
                "bench",
                "pub",
                "-h",
                broker.host(),
                "-p",
                broker.portArg(),
                "-c",
                "3",
                "-S",
                "3",
                "-q",
                "2",
                "-L",
                "100",
                "-d",
                "60",
                "-t",
                base,
                "--sub-filter",
                base,
                "-I",
                "pair-",
                "--no-progress");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        // Three subscribers on three distinct topics: 300 deliveries, where one "pair/+" filter would give 900.
        assertThat(result.stdout()).anyMatch(line -> line.matches("delivery +ok 300/300"));
        assertThat(result.stdout()).anyMatch(line -> line.matches("received_all +300"));
        // Every delivery counts for the delivered rate, whether it came in the publishing window or the drain.
        assertThat(result.stdout()).anyMatch(line -> line.matches("delivered +300 +\\([0-9.]+/s\\)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokers")
    void aShareGroupGetsEachMessageOnceWhateverItsSize(Target broker) {
        CliProcess.Result result = CliProcess.run(
                "bench",
                "pub",
                "-h",
                broker.host(),
                "-p",
                broker.portArg(),
                "-V",
                "5",
                "-c",
                "4",
                "-S",
                "3",
                "-q",
                "2",
                "-L",
                "50",
                "-d",
                "60",
                "-t",
                "fanin/" + broker.name() + "/%i",
                "--sub-filter",
                "$share/g/fanin/" + broker.name() + "/+",
                "-I",
                "share-",
                "--no-progress");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        // Four publishers of 50, one group of three members: each message once, 200 in all, not 600.
        assertThat(result.stdout()).anyMatch(line -> line.matches("delivery +ok 200/200"));
    }

    @Test
    void aSubFilterThatMatchesNoTopicIsRefusedBeforePublishing() {
        Target broker = brokers.cicadaTarget();
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
                "-L",
                "10",
                "-t",
                "a/%i",
                "--sub-filter",
                "b/%i",
                "-I",
                "miss-",
                "--no-progress");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.ERROR);
        assertThat(result.stderr()).contains("bench: no --sub-filter matches any publisher's topic");
        assertThat(result.stdout()).noneMatch(line -> line.startsWith("sent"));
    }

    @Test
    void aBrokerThatDeliversTooSlowlyCannotHoldTheRunPastTheDrainTimeout() throws IOException {
        // 60 messages forwarded one every 500 ms: 30 s of trickling deliveries, never a 5 s pause.
        try (SlowBroker slow = SlowBroker.start(500)) {
            Path json = dir.resolve("slow.json");
            long started = System.nanoTime();
            CliProcess.Result result = CliProcess.run(
                    "bench",
                    "pub",
                    "-h",
                    "127.0.0.1",
                    "-p",
                    Integer.toString(slow.port()),
                    "-c",
                    "1",
                    "-S",
                    "1",
                    "-q",
                    "1",
                    "-L",
                    "60",
                    "-d",
                    "30",
                    "--drain-timeout",
                    "3",
                    "-t",
                    "slow/t",
                    "-I",
                    "slow-",
                    "--no-progress",
                    "--json",
                    json.toString());
            double seconds = (System.nanoTime() - started) / 1e9;

            assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.ERROR);
            assertThat(seconds).as(result.toString()).isLessThan(20);
            assertThat(result.stdout()).anyMatch(line -> line.matches("acked +60 .*"));
            assertThat(result.stdout()).anyMatch(line -> line.matches("delivery +MISSING \\d+ \\(\\d+/60\\)"));
            // The window ended when the 60 were acknowledged; most deliveries came in the drain after it, and they
            // count for the delivery check but not for the rate.
            String summary = Files.readString(json);
            long inWindow = number(summary, "received");
            long all = number(summary, "received_all");
            assertThat(all).as(summary).isGreaterThanOrEqualTo(inWindow + 3).isLessThan(60);
        }
    }

    private static long number(String json, String key) {
        Matcher m = Pattern.compile("\"" + key + "\":(\\d+)").matcher(json);
        assertThat(m.find()).as(json).isTrue();
        return Long.parseLong(m.group(1));
    }
}
