package io.cicada.benchmarks;

import io.cicada.broker.routing.Subscriber;
import io.cicada.broker.routing.TopicSubscription;
import io.cicada.broker.routing.TopicTree;
import io.cicada.mqtt.packet.Subscription;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * {@link TopicTree#match} with {@code subscriptions} subscriptions (a million by default), and the cost of a
 * subscribe plus unsubscribe on that tree. One shared tree per trial, built in set-up; the benchmark threads only read
 * it, except the subscribe-unsubscribe benchmarks, which leave it as they found it.
 *
 * <p>The subscriptions model a fleet of {@code sites × 1000} devices publishing on
 * {@code site/<s>/device/<d>/temperature}. Subscription {@code i} belongs to device {@code i}: 98 % subscribe to their
 * own exact topic, 1 % to {@code site/<s>/device/+/temperature} (every device of the site) and 1 % to
 * {@code site/<s>/#}; so a published topic matches its exact subscription and about 20 wildcard ones. A missed topic
 * ({@code site/<s>/gateway/<d>/status}) follows a real branch for two levels and then matches only the site's
 * {@code #} subscriptions.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
public class TopicTreeBenchmark {
    private static final int DEVICES_PER_SITE = 1000;
    private static final int TOPICS = 4096;

    @Param({"1000000"})
    public int subscriptions;

    private TopicTree tree;
    private String[] topics;
    private String[] misses;
    private final Subscriber newcomer = new Device("newcomer");

    @Setup(Level.Trial)
    public void setUp() {
        tree = new TopicTree();
        for (int i = 0; i < subscriptions; i++) {
            tree.subscribe(new TopicSubscription(new Device("device-" + i), filterOf(i), Subscription.of("", 1), 0));
        }
        int sites = Math.max(1, subscriptions / DEVICES_PER_SITE);
        SplittableRandom random = new SplittableRandom(42);
        topics = new String[TOPICS];
        misses = new String[TOPICS];
        for (int i = 0; i < TOPICS; i++) {
            int site = random.nextInt(sites);
            int device = random.nextInt(DEVICES_PER_SITE);
            topics[i] = "site/" + site + "/device/" + device + "/temperature";
            misses[i] = "site/" + site + "/gateway/" + device + "/status";
        }
    }

    /** The filter of subscription {@code i}: see the class note. */
    static String filterOf(int i) {
        int site = i / DEVICES_PER_SITE;
        int device = i % DEVICES_PER_SITE;
        return switch (i % 100) {
            case 0 -> "site/" + site + "/device/+/temperature";
            case 1 -> "site/" + site + "/#";
            default -> "site/" + site + "/device/" + device + "/temperature";
        };
    }

    /** Per-thread position in the topic arrays, so threads do not share a counter. */
    @State(Scope.Thread)
    public static class Cursor {
        int next;

        int advance() {
            next = (next + 1) & (TOPICS - 1);
            return next;
        }
    }

    /** Matches a device topic: one exact subscription and about 20 wildcard ones. */
    @Benchmark
    public void matchPublishedTopic(Cursor cursor, Blackhole hole) {
        tree.match(topics[cursor.advance()], hole::consume);
    }

    /** Matches a topic with no exact subscriber (only the site's {@code #} subscriptions). */
    @Benchmark
    public void matchMissedTopic(Cursor cursor, Blackhole hole) {
        tree.match(misses[cursor.advance()], hole::consume);
    }

    /** One more subscriber on an existing filter, then removed again (no node is created or pruned). */
    @Benchmark
    public boolean subscribeUnsubscribeExistingFilter(Cursor cursor) {
        String filter = topics[cursor.advance()];
        tree.subscribe(new TopicSubscription(newcomer, filter, Subscription.of("", 1), 0));
        return tree.unsubscribe(newcomer, filter);
    }

    /** A subscription on a new branch (two new nodes), then removed again (the nodes are pruned). */
    @Benchmark
    public boolean subscribeUnsubscribeNewFilter(Cursor cursor) {
        String filter = misses[cursor.advance()];
        tree.subscribe(new TopicSubscription(newcomer, filter, Subscription.of("", 1), 0));
        return tree.unsubscribe(newcomer, filter);
    }

    /** Counts the subscriptions {@code topic} matches, for the smoke test. */
    int matches(String topic) {
        int[] count = {0};
        Consumer<TopicSubscription> counter = s -> count[0]++;
        tree.match(topic, counter);
        return count[0];
    }

    int size() {
        return tree.subscriptionCount();
    }

    String topic(int i) {
        return topics[i];
    }

    /** A subscriber: its client id only. */
    private record Device(String clientId) implements Subscriber {}
}
