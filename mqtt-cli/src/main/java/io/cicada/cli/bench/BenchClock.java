package io.cicada.cli.bench;

/**
 * Wall-clock microseconds with the resolution of {@link System#nanoTime()}: anchored to the system clock once per
 * process, so two bench processes on one machine agree closely enough to measure end-to-end latency from a time
 * stamp in the payload. Thread-safe.
 */
final class BenchClock {
    private static final long ANCHOR_NANOS = System.nanoTime();
    private static final long ANCHOR_MICROS = System.currentTimeMillis() * 1000L;

    private BenchClock() {}

    static long micros() {
        return ANCHOR_MICROS + (System.nanoTime() - ANCHOR_NANOS) / 1000L;
    }
}
