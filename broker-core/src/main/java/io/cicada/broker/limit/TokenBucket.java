package io.cicada.broker.limit;

/**
 * A token bucket: tokens flow in at {@code rate} a second up to {@code burst}, and each unit of work takes some. It
 * may go into debt ({@link #take}): the work already read is done, and the debt says how long to wait before the
 * next. Times are milliseconds from any monotonic-enough clock the caller passes in; a clock that goes back adds no
 * tokens. Not thread-safe and allocation-free: owned by one connection's event loop, or guarded by its user.
 */
public final class TokenBucket {
    private final double perMilli;
    private final double burst;
    private double tokens;
    private long lastMillis;

    /**
     * A full bucket.
     *
     * @param ratePerSecond tokens added a second, positive
     * @param burst most tokens saved up, positive
     * @param nowMillis the current time
     */
    public TokenBucket(long ratePerSecond, long burst, long nowMillis) {
        if (ratePerSecond <= 0 || burst <= 0) {
            throw new IllegalArgumentException("rate and burst must be positive");
        }
        this.perMilli = ratePerSecond / 1000.0;
        this.burst = burst;
        this.tokens = burst;
        this.lastMillis = nowMillis;
    }

    /**
     * Takes {@code amount} tokens even when there are fewer (the balance goes negative).
     *
     * @return true while the balance is not negative: the next take may follow at once
     */
    public boolean take(long amount, long nowMillis) {
        refill(nowMillis);
        tokens -= amount;
        return tokens >= 0;
    }

    /** Whether {@code amount} tokens are there now (taking none). */
    public boolean has(long amount, long nowMillis) {
        refill(nowMillis);
        return tokens >= amount;
    }

    /** Milliseconds from {@code nowMillis} until the balance is back to zero; 0 when it is not negative. */
    public long millisUntilClear(long nowMillis) {
        refill(nowMillis);
        return tokens >= 0 ? 0 : (long) Math.ceil(-tokens / perMilli);
    }

    /** The balance now, rounded down (negative while in debt); for tests and log lines. */
    public long tokens(long nowMillis) {
        refill(nowMillis);
        return (long) Math.floor(tokens);
    }

    private void refill(long nowMillis) {
        long elapsed = nowMillis - lastMillis;
        lastMillis = nowMillis;
        if (elapsed > 0 && tokens < burst) {
            tokens = Math.min(burst, tokens + elapsed * perMilli);
        }
    }
}
