package io.cicada.broker.limit;

/**
 * Keeps one client's limit log lines to at most one per limit every interval, and counts the lines held back so the
 * next one can say how many there were. Not thread-safe: owned by the connection's event loop.
 */
public final class LimitLog {
    /** The interval the broker uses: one line per client and limit every 10 seconds at most. */
    public static final long DEFAULT_INTERVAL_MILLIS = 10_000;

    private final long intervalMillis;
    private final long[] lastLine = new long[Limit.values().length];
    private final boolean[] written = new boolean[Limit.values().length];
    private final int[] held = new int[Limit.values().length];

    public LimitLog(long intervalMillis) {
        this.intervalMillis = intervalMillis;
    }

    /**
     * Whether a line about {@code limit} may be written now. When it may not, the line is counted as held back.
     */
    public boolean allow(Limit limit, long nowMillis) {
        int i = limit.ordinal();
        if (written[i] && nowMillis - lastLine[i] < intervalMillis) {
            held[i]++;
            return false;
        }
        written[i] = true;
        lastLine[i] = nowMillis;
        return true;
    }

    /** Lines about {@code limit} held back since the last one allowed; resets the count. */
    public int takeHeld(Limit limit) {
        int count = held[limit.ordinal()];
        held[limit.ordinal()] = 0;
        return count;
    }
}
