package io.cicada.broker.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CongestionTest {

    @Test
    void becomesCongestedAtTheHighMarkAndDrainsAtHalfOfIt() {
        Congestion congestion = new Congestion(10, 40);
        assertThat(congestion.update(9, true)).isFalse();
        assertThat(congestion.isCongested()).isFalse();
        assertThat(congestion.update(10, true)).isTrue(); // a new episode starts
        assertThat(congestion.isCongested()).isTrue();
        assertThat(congestion.update(6, true)).isFalse();
        assertThat(congestion.isCongested()).isTrue();
        congestion.update(5, true);
        assertThat(congestion.isCongested()).isFalse();
    }

    @Test
    void aWaitingPublisherIsWokenExactlyOnceWhenTheBacklogDrains() {
        Congestion congestion = new Congestion(10, 40);
        congestion.update(10, true);
        AtomicInteger woken = new AtomicInteger();
        congestion.whenDrained(woken::incrementAndGet);
        assertThat(woken).hasValue(0);
        congestion.update(5, true);
        assertThat(woken).hasValue(1);
        congestion.update(0, true);
        congestion.clear();
        assertThat(woken).hasValue(1);
    }

    @Test
    void waitingWhenNotCongestedWakesAtOnce() {
        Congestion congestion = new Congestion(10, 40);
        AtomicInteger woken = new AtomicInteger();
        congestion.whenDrained(woken::incrementAndGet);
        assertThat(woken).hasValue(1);
    }

    @Test
    void aFullInboxAloneHoldsPublishersBackUntilTheOwnerTakesIt() {
        Congestion congestion = new Congestion(4, 8);
        for (int i = 0; i < 4; i++) {
            congestion.offered();
        }
        assertThat(congestion.isCongested()).isTrue();
        assertThat(congestion.dropsQos0()).isFalse();
        AtomicInteger woken = new AtomicInteger();
        congestion.whenDrained(woken::incrementAndGet);
        congestion.taken(4);
        congestion.update(0, true);
        assertThat(woken).hasValue(1);
        for (int i = 0; i < 8; i++) {
            congestion.offered();
        }
        assertThat(congestion.dropsQos0()).isTrue(); // the inbox limit: QoS 0 is dropped on arrival
    }

    @Test
    void aSlowConsumerNoLongerHoldsPublishersBackButDropsQos0() {
        Congestion congestion = new Congestion(10, 40);
        congestion.update(12, true);
        AtomicInteger woken = new AtomicInteger();
        congestion.whenDrained(woken::incrementAndGet);
        congestion.markSlow();
        assertThat(woken).hasValue(1);
        assertThat(congestion.isCongested()).isFalse();
        assertThat(congestion.isSlow()).isTrue();
        assertThat(congestion.dropsQos0()).isTrue();
        congestion.update(5, true); // caught up
        assertThat(congestion.isSlow()).isFalse();
    }

    @Test
    void anOfflineSessionIsNeverCongested() {
        Congestion congestion = new Congestion(10, 40);
        congestion.update(10, true);
        AtomicInteger woken = new AtomicInteger();
        congestion.whenDrained(woken::incrementAndGet);
        congestion.update(500, false);
        assertThat(congestion.isCongested()).isFalse();
        assertThat(woken).hasValue(1);
    }

    @Test
    void theHighMarkStaysBelowTheQueueBound() {
        assertThat(Congestion.highMark(200, 1000)).isEqualTo(200);
        assertThat(Congestion.highMark(200, 100)).isEqualTo(50);
        assertThat(Congestion.highMark(200, 0)).isEqualTo(200);
        assertThat(Congestion.inboxLimit(200, 0)).isEqualTo(1600);
    }
}
