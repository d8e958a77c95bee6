package io.cicada.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cicada.cli.Brokers.Target;
import java.time.Duration;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code cicada pub} and {@code cicada sub} run as processes against Cicada and against Mosquitto: output, MQTT 5
 * properties, stdin modes and retained messages. A subscriber is known to be subscribed when its {@code -d} line
 * "received SUBACK" appears.
 */
class PubSubCommandTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @RegisterExtension
    static final Brokers brokers = new Brokers();

    static Stream<Target> brokers() {
        return brokers.both();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokers")
    void subPrintsTopicAndPayloadOfWhatPubSends(Target broker) {
        String topic = "cli/" + UUID.randomUUID() + "/temperature";
        try (CliProcess sub = CliProcess.start(
                "sub",
                "-h",
                broker.host(),
                "-p",
                broker.portArg(),
                "-t",
                topic.replace("temperature", "+"),
                "-v",
                "-q",
                "1",
                "-C",
                "2",
                "-W",
                "30",
                "-d")) {
            sub.awaitStderr(line -> line.endsWith("received SUBACK"), WAIT);

            assertThat(CliProcess.run(
                                    "pub",
                                    "-h",
                                    broker.host(),
                                    "-p",
                                    broker.portArg(),
                                    "-t",
                                    topic,
                                    "-m",
                                    "21.5",
                                    "-q",
                                    "1")
                            .exitCode())
                    .isZero();
            assertThat(CliProcess.run(
                                    "pub",
                                    "-h",
                                    broker.host(),
                                    "-p",
                                    broker.portArg(),
                                    "-t",
                                    topic,
                                    "-m",
                                    "22",
                                    "-q",
                                    "2",
                                    "-V",
                                    "5")
                            .exitCode())
                    .isZero();

            CliProcess.Result result = sub.awaitExit(WAIT);
            assertThat(result.exitCode()).as(result.toString()).isZero();
            assertThat(result.stdout()).containsExactly(topic + " 21.5", topic + " 22");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokers")
    void pubSendsEachLineOfStandardInputAsOneMessage(Target broker) {
        String topic = "cli/" + UUID.randomUUID();
        try (CliProcess sub = CliProcess.start(
                "sub", "-h", broker.host(), "-p", broker.portArg(), "-t", topic, "-q", "2", "-C", "3", "-d")) {
            sub.awaitStderr(line -> line.endsWith("received SUBACK"), WAIT);

            CliProcess.Result pub = CliProcess.runWithInput(
                    "first\nsecond line\nthird\n",
                    "pub",
                    "-h",
                    broker.host(),
                    "-p",
                    broker.portArg(),
                    "-t",
                    topic,
                    "-l",
                    "-q",
                    "2");
            assertThat(pub.exitCode()).as(pub.toString()).isZero();

            CliProcess.Result result = sub.awaitExit(WAIT);
            assertThat(result.stdout()).containsExactly("first", "second line", "third");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokers")
    void mqtt5PropertiesReachTheSubscriberAndFormatPrintsThem(Target broker) {
        String topic = "cli/" + UUID.randomUUID();
        try (CliProcess sub = CliProcess.start(
                "sub",
                "-h",
                broker.host(),
                "-p",
                broker.portArg(),
                "-V",
                "5",
                "-t",
                topic,
                "-q",
                "1",
                "-C",
                "1",
                "-F",
                "%t|%q|%r|%P|%R|%C|%D|%l|%x",
                "-d")) {
            sub.awaitStderr(line -> line.endsWith("received SUBACK"), WAIT);

            CliProcess.Result pub = CliProcess.run(
                    "pub",
                    "-h",
                    broker.host(),
                    "-p",
                    broker.portArg(),
                    "-V",
                    "5",
                    "-t",
                    topic,
                    "-q",
                    "1",
                    "-m",
                    "hi",
                    "-D",
                    "publish",
                    "user-property",
                    "unit",
                    "celsius",
                    "-D",
                    "publish",
                    "response-topic",
                    "replies/1",
                    "-D",
                    "publish",
                    "content-type",
                    "text/plain",
                    "-D",
                    "publish",
                    "correlation-data",
                    "c-42");
            assertThat(pub.exitCode()).as(pub.toString()).isZero();

            assertThat(sub.awaitExit(WAIT).stdout())
                    .containsExactly(topic + "|1|0|unit:celsius|replies/1|text/plain|c-42|2|6869");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokers")
    void retainedMessageIsPrintedAndClearedWithNullMessage(Target broker) {
        String topic = "cli/" + UUID.randomUUID();
        String[] at = {"-h", broker.host(), "-p", broker.portArg(), "-t", topic};
        assertThat(CliProcess.run(concat(new String[] {"pub"}, at, "-r", "-q", "1", "-f", fileWith("kept")))
                        .exitCode())
                .isZero();

        CliProcess.Result retained =
                CliProcess.run(concat(new String[] {"sub"}, at, "--retained-only", "-C", "1", "-F", "%r %p"));
        assertThat(retained.stdout()).as(retained.toString()).containsExactly("1 kept");

        assertThat(CliProcess.run(concat(new String[] {"pub"}, at, "-r", "-n")).exitCode())
                .isZero();
        CliProcess.Result none = CliProcess.run(concat(new String[] {"sub"}, at, "-W", "1"));
        assertThat(none.exitCode()).isEqualTo(ExitCode.TIMED_OUT);
        assertThat(none.stdout()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokers")
    void filterOutAndNoRetainedSkipMessages(Target broker) {
        String base = "cli/" + UUID.randomUUID();
        String[] at = {"-h", broker.host(), "-p", broker.portArg()};
        assertThat(CliProcess.run(concat(new String[] {"pub"}, at, "-t", base + "/old", "-m", "stale", "-r"))
                        .exitCode())
                .isZero();
        try (CliProcess sub = CliProcess.start(concat(
                new String[] {"sub"}, at, "-t", base + "/#", "-T", base + "/noise/#", "-R", "-v", "-C", "1", "-d"))) {
            sub.awaitStderr(line -> line.endsWith("received SUBACK"), WAIT);
            CliProcess.run(concat(new String[] {"pub"}, at, "-t", base + "/noise/x", "-m", "skip", "-q", "1"));
            CliProcess.run(concat(new String[] {"pub"}, at, "-t", base + "/news", "-m", "print", "-q", "1"));
            assertThat(sub.awaitExit(WAIT).stdout()).containsExactly(base + "/news print");
        }
        CliProcess.run(concat(new String[] {"pub"}, at, "-t", base + "/old", "-n", "-r"));
    }

    static String fileWith(String content) {
        try {
            java.nio.file.Path file = java.nio.file.Files.createTempFile("cicada-pub", ".txt");
            java.nio.file.Files.writeString(file, content);
            file.toFile().deleteOnExit();
            return file.toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static String[] concat(String[] head, String[] middle, String... tail) {
        return Stream.of(head, middle, tail).flatMap(Stream::of).toArray(String[]::new);
    }
}
