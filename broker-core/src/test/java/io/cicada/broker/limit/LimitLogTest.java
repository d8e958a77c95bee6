package io.cicada.broker.limit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LimitLogTest {

    @Test
    void oneLinePerLimitAndIntervalAndTheRestCounted() {
        LimitLog log = new LimitLog(10_000);
        assertThat(log.allow(Limit.PUBLISH_RATE, 0)).isTrue();
        assertThat(log.takeHeld(Limit.PUBLISH_RATE)).isZero();
        assertThat(log.allow(Limit.PUBLISH_RATE, 1_000)).isFalse();
        assertThat(log.allow(Limit.PUBLISH_RATE, 9_999)).isFalse();
        assertThat(log.allow(Limit.TOPIC_LEVELS, 9_999)).isTrue(); // each limit on its own
        assertThat(log.allow(Limit.PUBLISH_RATE, 10_000)).isTrue();
        assertThat(log.takeHeld(Limit.PUBLISH_RATE)).isEqualTo(2);
        assertThat(log.takeHeld(Limit.PUBLISH_RATE)).isZero();
    }
}
