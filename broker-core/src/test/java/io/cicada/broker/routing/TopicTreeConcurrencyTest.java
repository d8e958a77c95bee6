package io.cicada.broker.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.cicada.mqtt.packet.Subscription;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Several threads subscribe and unsubscribe on overlapping filters, so that pruning races subscribes on the same
 * nodes, while others match; afterwards nothing is lost, nothing is left over and every empty node is pruned.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TopicTreeConcurrencyTest {
    private static final List<String> FILTERS = List.of("a", "a/b", "a/b/c", "a/+/c", "a/#", "a/b/#", "+/b", "#", "+",
            "a/b/c/d", "x/y", "x/+/z", "x//z", "a/+", "+/+/+");
    private static final int WRITERS = 4;
    private static final int OPERATIONS_PER_WRITER = 20_000;

    private final TopicTree tree = new TopicTree();
    private final ExecutorService pool = Executors.newFixedThreadPool(WRITERS + 1);

    @AfterEach
    void stopPool() throws InterruptedException {
        pool.shutdownNow();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void concurrentSubscribeUnsubscribeAndMatchLoseNothing() throws Exception {
        // A subscription nobody removes: a matcher must see it on every single call.
        Subscriber stable = new NamedSubscriber("stable");
        tree.subscribe(new TopicSubscription(stable, "a/b/c", Subscription.of("a/b/c", 0), 0));

        CountDownLatch start = new CountDownLatch(1);
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger matchesWithoutStable = new AtomicInteger();
        List<Future<Set<String>>> writers = new ArrayList<>();
        List<Subscriber> subscribers = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            Subscriber subscriber = new NamedSubscriber("w" + w);
            subscribers.add(subscriber);
            long seed = 1_000L + w;
            writers.add(pool.submit(() -> churn(subscriber, seed, start)));
        }
        Future<Integer> matcher = pool.submit(() -> {
            start.await();
            int rounds = 0;
            while (writing.get() && rounds < 5_000_000) {
                AtomicBoolean sawStable = new AtomicBoolean();
                tree.match("a/b/c", s -> sawStable.compareAndSet(false, s.subscriber() == stable));
                if (!sawStable.get()) {
                    matchesWithoutStable.incrementAndGet();
                }
                rounds++;
            }
            return rounds;
        });

        start.countDown();
        List<Set<String>> held = new ArrayList<>();
        for (Future<Set<String>> writer : writers) {
            held.add(writer.get(50, TimeUnit.SECONDS));
        }
        writing.set(false);
        assertThat(matcher.get(10, TimeUnit.SECONDS)).isPositive();
        assertThat(matchesWithoutStable.get()).isZero();

        int expected = 1 + held.stream().mapToInt(Set::size).sum();
        assertThat(tree.subscriptionCount()).isEqualTo(expected);
        assertThat(tree.nodeCount()).isEqualTo(nodeCountOf(stable, subscribers, held));

        for (int w = 0; w < WRITERS; w++) {
            for (String filter : held.get(w)) {
                assertThat(tree.unsubscribe(subscribers.get(w), filter)).as("w%d %s", w, filter).isTrue();
            }
        }
        assertThat(tree.unsubscribe(stable, "a/b/c")).isTrue();
        assertThat(tree.subscriptionCount()).isZero();
        assertThat(tree.nodeCount()).isZero();
    }

    /**
     * Randomly subscribes to filters it does not hold and unsubscribes from those it holds, checking every answer
     * against its own record; returns the filters it holds at the end.
     */
    private Set<String> churn(Subscriber subscriber, long seed, CountDownLatch start) throws InterruptedException {
        Random random = new Random(seed);
        Set<String> held = new HashSet<>();
        start.await();
        for (int i = 0; i < OPERATIONS_PER_WRITER; i++) {
            String filter = FILTERS.get(random.nextInt(FILTERS.size()));
            if (held.remove(filter)) {
                assertThat(tree.unsubscribe(subscriber, filter)).as("held %s", filter).isTrue();
            } else {
                TopicSubscription added = new TopicSubscription(subscriber, filter, Subscription.of(filter, 0), 0);
                assertThat(tree.subscribe(added)).as("not held %s", filter).isNull();
                held.add(filter);
            }
            if (i % 64 == 0) {
                AtomicInteger mine = new AtomicInteger();
                tree.match("a/b/c", s -> mine.addAndGet(s.subscriber() == subscriber ? 1 : 0));
                long expected = held.stream().filter(TopicTreeConcurrencyTest::matchesABC).count();
                assertThat(mine.get()).as("own subscriptions matching a/b/c").isEqualTo((int) expected);
            }
        }
        return held;
    }

    private static boolean matchesABC(String filter) {
        return List.of("a/b/c", "a/+/c", "a/#", "a/b/#", "#", "+/+/+").contains(filter);
    }

    /** The node count of a tree built sequentially with the same subscriptions. */
    private static int nodeCountOf(Subscriber stable, List<Subscriber> subscribers, List<Set<String>> held) {
        TopicTree reference = new TopicTree();
        reference.subscribe(new TopicSubscription(stable, "a/b/c", Subscription.of("a/b/c", 0), 0));
        for (int w = 0; w < subscribers.size(); w++) {
            for (String filter : held.get(w)) {
                reference.subscribe(
                        new TopicSubscription(subscribers.get(w), filter, Subscription.of(filter, 0), 0));
            }
        }
        return reference.nodeCount();
    }
}
