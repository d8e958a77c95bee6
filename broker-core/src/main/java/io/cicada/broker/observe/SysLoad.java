package io.cicada.broker.observe;

/**
 * The {@code $SYS/broker/load/...} figures of one counter, as Mosquitto computes them: the per-minute rate over the
 * last interval, smoothed as exponential moving averages over 1, 5 and 15 minutes. Not thread-safe: updated and read
 * only by the {@code $SYS} timer task.
 */
final class SysLoad {

    private static final double[] WINDOWS_SECONDS = {60, 300, 900};

    private final double[] averages = new double[3];
    private long last = -1;

    /** Feeds the counter's value after {@code intervalSeconds}; the first call only sets the starting point. */
    void update(long value, double intervalSeconds) {
        if (last >= 0 && intervalSeconds > 0) {
            double perMinute = (value - last) * 60.0 / intervalSeconds;
            for (int i = 0; i < averages.length; i++) {
                double decay = Math.exp(-intervalSeconds / WINDOWS_SECONDS[i]);
                averages[i] = perMinute + decay * (averages[i] - perMinute);
            }
        }
        last = value;
    }

    /** The average per minute over the 1, 5 or 15 minute window (index 0, 1, 2), with two decimals. */
    String formatted(int window) {
        return String.format(java.util.Locale.ROOT, "%.2f", averages[window]);
    }
}
