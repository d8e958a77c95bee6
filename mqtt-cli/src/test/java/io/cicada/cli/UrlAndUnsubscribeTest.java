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
 * {@code -L URL} of {@code cicada pub} and {@code cicada sub} and {@code sub -U}, run as processes against Cicada and
 * against Mosquitto, as {@code mosquitto_pub -L} and {@code mosquitto_sub -U} are used.
 */
class UrlAndUnsubscribeTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @RegisterExtension
    static final Brokers brokers = new Brokers();

    static Stream<Target> brokers() {
        return brokers.both();
    }

    private static String url(Target broker, String topic) {
        return "mqtt://" + broker.host() + ":" + broker.port() + "/" + topic;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokers")
    void aUrlGivesTheBrokerAndTheTopic(Target broker) {
        String base = "url/" + UUID.randomUUID();
        try (CliProcess sub =
                CliProcess.start("sub", "-L", url(broker, base + "/+"), "-v", "-C", "1", "-W", "30", "-d")) {
            sub.awaitStderr(line -> line.endsWith("received SUBACK"), WAIT);

            CliProcess.Result pub =
                    CliProcess.run("pub", "-L", url(broker, base + "/kitchen"), "-m", "21.5", "-q", "1");
            assertThat(pub.exitCode()).as(pub.toString()).isZero();

            CliProcess.Result result = sub.awaitExit(WAIT);
            assertThat(result.exitCode()).as(result.toString()).isZero();
            assertThat(result.stdout()).containsExactly(base + "/kitchen 21.5");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokers")
    void unsubscribeEndsTheSubscriptionOfAPersistentSession(Target broker) {
        String topic = "unsub/" + UUID.randomUUID();
        String clientId = "unsub-" + broker.name() + "-" + System.nanoTime() % 100_000;
        String[] connection = {"sub", "-h", broker.host(), "-p", broker.portArg(), "-c", "-i", clientId, "-q", "1"};
        // A persistent session subscribed to the topic, then offline.
        CliProcess.Result subscribed = CliProcess.run(concat(connection, "-t", topic, "-E"));
        assertThat(subscribed.exitCode()).as(subscribed.toString()).isZero();

        CliProcess.Result unsubscribed = CliProcess.run(concat(connection, "-U", topic, "-d"));
        assertThat(unsubscribed.exitCode()).as(unsubscribed.toString()).isZero();
        assertThat(unsubscribed.stderr()).anyMatch(line -> line.endsWith("received UNSUBACK"));

        CliProcess.Result pub = CliProcess.run(
                "pub", "-h", broker.host(), "-p", broker.portArg(), "-t", topic, "-m", "after", "-q", "1");
        assertThat(pub.exitCode()).as(pub.toString()).isZero();
        // Back on the session: nothing was queued for the topic, so nothing arrives before the timeout.
        CliProcess.Result resumed = CliProcess.run(concat(connection, "-t", topic + "/other", "-W", "2", "-v"));
        assertThat(resumed.exitCode()).as(resumed.toString()).isEqualTo(ExitCode.TIMED_OUT);
        assertThat(resumed.stdout()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokers")
    void withoutUnsubscribeThePersistentSessionKeepsTheMessage(Target broker) {
        String topic = "unsub/" + UUID.randomUUID();
        String clientId = "keep-" + broker.name() + "-" + System.nanoTime() % 100_000;
        String[] connection = {"sub", "-h", broker.host(), "-p", broker.portArg(), "-c", "-i", clientId, "-q", "1"};
        CliProcess.Result subscribed = CliProcess.run(concat(connection, "-t", topic, "-E"));
        assertThat(subscribed.exitCode()).as(subscribed.toString()).isZero();

        CliProcess.Result pub = CliProcess.run(
                "pub", "-h", broker.host(), "-p", broker.portArg(), "-t", topic, "-m", "queued", "-q", "1");
        assertThat(pub.exitCode()).as(pub.toString()).isZero();
        CliProcess.Result resumed = CliProcess.run(concat(connection, "-t", topic, "-C", "1", "-W", "10", "-v"));
        assertThat(resumed.exitCode()).as(resumed.toString()).isZero();
        assertThat(resumed.stdout()).containsExactly(topic + " queued");
    }

    private static String[] concat(String[] first, String... more) {
        String[] all = java.util.Arrays.copyOf(first, first.length + more.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }
}
