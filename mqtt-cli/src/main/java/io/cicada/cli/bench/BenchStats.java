package io.cicada.cli.bench;

import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The counters and latency histograms of one bench run. Written by every event loop (the adders and HdrHistogram
 * {@link Recorder}s are safe for concurrent writers); {@link #interval()} is called by the one progress thread, which
 * folds each second's histograms into the run's totals.
 *
 * <p>Latencies are recorded in microseconds: connect (CONNECT to CONNACK), ack (PUBLISH to PUBACK or PUBCOMP) and
 * end to end (the publisher's time stamp in the payload to the subscriber's receipt).
 */
final class BenchStats {
    private static final long MAX_MICROS = 3_600_000_000L;

    final LongAdder connected = new LongAdder();
    final LongAdder connectFailures = new LongAdder();
    final LongAdder sent = new LongAdder();
    final LongAdder acked = new LongAdder();
    final LongAdder publishFailures = new LongAdder();
    final LongAdder received = new LongAdder();
    final LongAdder disconnects = new LongAdder();
    /** {@link System#nanoTime()} of the first and of the last message the subscribers received. */
    private final LongAccumulator firstReceipt = new LongAccumulator(Math::min, Long.MAX_VALUE);

    private final LongAccumulator lastReceipt = new LongAccumulator(Math::max, Long.MIN_VALUE);

    private final Recorder connectLatency = new Recorder(3);
    private final Recorder ackLatency = new Recorder(3);
    private final Recorder endToEnd = new Recorder(3);
    private final Histogram connectTotal = new Histogram(MAX_MICROS, 3);
    private final Histogram ackTotal = new Histogram(MAX_MICROS, 3);
    private final Histogram endToEndTotal = new Histogram(MAX_MICROS, 3);

    /** A subscriber received a message at {@code nanoTime}. */
    void received(long nanoTime) {
        received.increment();
        firstReceipt.accumulate(nanoTime);
        lastReceipt.accumulate(nanoTime);
    }

    /** Seconds from the first to the last message received; 0 with fewer than two. */
    double receivingSeconds() {
        long first = firstReceipt.get();
        long last = lastReceipt.get();
        return first == Long.MAX_VALUE || last <= first ? 0 : (last - first) / 1e9;
    }

    void connectLatency(long micros) {
        connectLatency.recordValue(clamp(micros));
    }

    void ackLatency(long micros) {
        ackLatency.recordValue(clamp(micros));
    }

    void endToEnd(long micros) {
        endToEnd.recordValue(clamp(micros));
    }

    /** One second's counts and latencies; folds the histograms into the totals. Progress thread only. */
    synchronized Interval interval() {
        Histogram connect = connectLatency.getIntervalHistogram();
        Histogram ack = ackLatency.getIntervalHistogram();
        Histogram e2e = endToEnd.getIntervalHistogram();
        connectTotal.add(connect);
        ackTotal.add(ack);
        endToEndTotal.add(e2e);
        return new Interval(connected.sum(), sent.sum(), acked.sum(), received.sum(), connect, ack, e2e);
    }

    /** The run's totals; call after a last {@link #interval()}. */
    synchronized Histogram connectTotal() {
        return connectTotal.copy();
    }

    synchronized Histogram ackTotal() {
        return ackTotal.copy();
    }

    synchronized Histogram endToEndTotal() {
        return endToEndTotal.copy();
    }

    private static long clamp(long micros) {
        return Math.max(0, Math.min(MAX_MICROS, micros));
    }

    /** Cumulative counts at the end of one second, and that second's latencies. */
    record Interval(
            long connected,
            long sent,
            long acked,
            long received,
            Histogram connectLatency,
            Histogram ackLatency,
            Histogram endToEnd) {}
}
