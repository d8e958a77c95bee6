package io.cicada.broker.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The listener thread: order kept, a blocked listener never blocks the caller, a full queue drops and counts. */
class BrokerListenersTest {

    @Test
    void aBlockedListenerDoesNotBlockTheCallerAndAFullQueueDropsEvents() throws Exception {
        CountDownLatch unblock = new CountDownLatch(1);
        List<String> topics = new CopyOnWriteArrayList<>();
        BrokerListener slow = new BrokerListener() {
            @Override
            public void messagePublished(MessagePublished event) {
                try {
                    unblock.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                topics.add(event.topic());
            }
        };
        try (BrokerListeners listeners = new BrokerListeners(List.of(slow), Clock.systemUTC())) {
            int sent = BrokerListeners.QUEUE + 500;
            long start = System.nanoTime();
            for (int i = 0; i < sent; i++) {
                listeners.published("c", "u", "t/" + i, 0, false, 1);
            }
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            assertThat(listeners.droppedEvents()).isBetween(499L, 500L); // one event may be running already

            unblock.countDown();
            await().atMost(Duration.ofSeconds(10)).until(() -> topics.size() == sent - listeners.droppedEvents());
            assertThat(topics.subList(0, 3)).containsExactly("t/0", "t/1", "t/2"); // in order
        }
    }

    @Test
    void withoutListenersNothingRuns() {
        BrokerListeners none = BrokerListeners.none();
        assertThat(none.active()).isFalse();
        none.published("c", "u", "t", 0, false, 1);
        assertThat(none.droppedEvents()).isZero();
        none.close();
    }
}
