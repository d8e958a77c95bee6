package io.cicada.broker.limit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TokenBucketTest {

    @Test
    void aFullBucketAllowsTheBurstAtOnceThenGoesIntoDebt() {
        TokenBucket bucket = new TokenBucket(10, 3, 0);
        assertThat(bucket.take(1, 0)).isTrue();
        assertThat(bucket.take(1, 0)).isTrue();
        assertThat(bucket.take(1, 0)).isTrue();
        assertThat(bucket.take(1, 0)).isFalse();
        assertThat(bucket.tokens(0)).isEqualTo(-1);
        assertThat(bucket.millisUntilClear(0)).isEqualTo(100); // one token at 10/s
    }

    @Test
    void tokensFlowBackAtTheRateUpToTheBurst() {
        TokenBucket bucket = new TokenBucket(1_000, 10, 0);
        bucket.take(10, 0);
        assertThat(bucket.tokens(0)).isZero();
        assertThat(bucket.tokens(5)).isEqualTo(5);
        assertThat(bucket.tokens(1_000_000)).isEqualTo(10);
    }

    @Test
    void debtIsPaidBackBeforeTheNextTake() {
        TokenBucket bucket = new TokenBucket(100, 100, 0);
        assertThat(bucket.take(350, 0)).isFalse(); // a message larger than the burst still goes through once
        assertThat(bucket.millisUntilClear(0)).isEqualTo(2_500);
        assertThat(bucket.millisUntilClear(2_000)).isEqualTo(500);
        assertThat(bucket.millisUntilClear(2_500)).isZero();
    }

    @Test
    void hasTakesNothing() {
        TokenBucket bucket = new TokenBucket(1, 2, 0);
        assertThat(bucket.has(2, 0)).isTrue();
        assertThat(bucket.has(3, 0)).isFalse();
        assertThat(bucket.tokens(0)).isEqualTo(2);
    }

    @Test
    void aClockThatGoesBackAddsNoTokens() {
        TokenBucket bucket = new TokenBucket(10, 10, 1_000);
        bucket.take(10, 1_000);
        assertThat(bucket.tokens(500)).isZero();
        assertThat(bucket.tokens(600)).isEqualTo(1); // counted from the earlier time it went back to
    }

    @Test
    void averageRateOverALongRunIsTheRate() {
        // a client that always sends when the bucket is clear: 100 per second, whatever the burst
        TokenBucket bucket = new TokenBucket(100, 20, 0);
        long now = 0;
        int sent = 0;
        while (now < 10_000) {
            if (bucket.take(1, now)) {
                sent++;
                continue;
            }
            sent++;
            now += bucket.millisUntilClear(now);
        }
        assertThat(sent).isBetween(1_000, 1_021); // 10 s at 100/s plus the burst
    }

    @Test
    void rateAndBurstMustBePositive() {
        assertThatThrownBy(() -> new TokenBucket(0, 1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TokenBucket(1, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
