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
    private static final List<String> FILTERS = List.of(
            "a", "a/b", "a/b/c", "a/+/c", "a/#", "a/b/#", "+/b", "#", "+", "a/b/c/d", "x/y", "x/+/z", "x//z", "a/+",
            "+/+/+");
    private static final int WRITERS = 4;
    /** Four writers with three subscribers each put up to 12 subscribers on one filter: past the array form. */
    private static final int SUBSCRIBERS_PER_WRITER = 3;

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
        List<Future<Set<Held>>> writers = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            List<Subscriber> own = new ArrayList<>();
            for (int k = 0; k < SUBSCRIBERS_PER_WRITER; k++) {
                own.add(new NamedSubscriber("w" + w + "-" + k));
            }
            long seed = 1_000L + w;
            writers.add(pool.submit(() -> churn(own, seed, start)));
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
        Set<Held> held = new HashSet<>();
        for (Future<Set<Held>> writer : writers) {
            held.addAll(writer.get(50, TimeUnit.SECONDS));
        }
        writing.set(false);
        assertThat(matcher.get(10, TimeUnit.SECONDS)).isPositive();
        assertThat(matchesWithoutStable.get()).isZero();

        assertThat(tree.subscriptionCount()).isEqualTo(1 + held.size());
        assertThat(tree.nodeCount()).isEqualTo(nodeCountOf(stable, held));

        for (Held h : held) {
            assertThat(tree.unsubscribe(h.subscriber(), h.filter())).as("%s", h).isTrue();
        }
        assertThat(tree.unsubscribe(stable, "a/b/c")).isTrue();
        assertThat(tree.subscriptionCount()).isZero();
        assertThat(tree.nodeCount()).isZero();
    }

    /** One subscription a writer holds. */
    private record Held(Subscriber subscriber, String filter) {}

    /**
     * Randomly subscribes its subscribers to filters they do not hold and unsubscribes them from those they hold,
     * checking every answer against its own record; returns what they hold at the end.
     */
    private Set<Held> churn(List<Subscriber> own, long seed, CountDownLatch start) throws InterruptedException {
        Random random = new Random(seed);
        Set<Held> held = new HashSet<>();
        start.await();
        for (int i = 0; i < OPERATIONS_PER_WRITER; i++) {
            Subscriber subscriber = own.get(random.nextInt(own.size()));
            String filter = FILTERS.get(random.nextInt(FILTERS.size()));
            Held entry = new Held(subscriber, filter);
            if (held.remove(entry)) {
                assertThat(tree.unsubscribe(subscriber, filter))
                        .as("held %s", entry)
                        .isTrue();
            } else {
                TopicSubscription added = new TopicSubscription(subscriber, filter, Subscription.of(filter, 0), 0);
                assertThat(tree.subscribe(added)).as("not held %s", entry).isNull();
                held.add(entry);
            }
            if (i % 64 == 0) {
                AtomicInteger mine = new AtomicInteger();
                tree.match("a/b/c", s -> mine.addAndGet(own.contains(s.subscriber()) ? 1 : 0));
                long expected =
                        held.stream().filter(h -> matchesABC(h.filter())).count();
                assertThat(mine.get()).as("own subscriptions matching a/b/c").isEqualTo((int) expected);
            }
        }
        return held;
    }

    private static boolean matchesABC(String filter) {
        return List.of("a/b/c", "a/+/c", "a/#", "a/b/#", "#", "+/+/+").contains(filter);
    }

    /** The node count of a tree built sequentially with the same subscriptions. */
    private static int nodeCountOf(Subscriber stable, Set<Held> held) {
        TopicTree reference = new TopicTree();
        reference.subscribe(new TopicSubscription(stable, "a/b/c", Subscription.of("a/b/c", 0), 0));
        for (Held h : held) {
            reference.subscribe(new TopicSubscription(h.subscriber(), h.filter(), Subscription.of(h.filter(), 0), 0));
        }
        return reference.nodeCount();
    }
}
