package io.cicada.cli.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The {@code --csv} file: one row per second with the cumulative counts, the rates of that second and its latency
 * percentiles in microseconds. Written only by the progress thread (and the main thread after it stopped).
 */
final class BenchCsv {
    static final String HEADER = "second,connected,sent,acked,received,sent_per_s,acked_per_s,received_per_s,"
            + "ack_p50_us,ack_p99_us,ack_max_us,e2e_p50_us,e2e_p99_us,e2e_max_us";

    private final PrintWriter out;

    private BenchCsv(PrintWriter out) {
        this.out = out;
    }

    static BenchCsv create(Path file) throws IOException {
        PrintWriter out = new PrintWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8));
        out.println(HEADER);
        return new BenchCsv(out);
    }

    void row(long second, BenchStats.Interval i, long sentRate, long ackedRate, long receivedRate) {
        out.printf(
                "%d,%d,%d,%d,%d,%d,%d,%d,%d,%d,%d,%d,%d,%d%n",
                second,
                i.connected(),
                i.sent(),
                i.acked(),
                i.received(),
                sentRate,
                ackedRate,
                receivedRate,
                i.ackLatency().getValueAtPercentile(50),
                i.ackLatency().getValueAtPercentile(99),
                i.ackLatency().getMaxValue(),
                i.endToEnd().getValueAtPercentile(50),
                i.endToEnd().getValueAtPercentile(99),
                i.endToEnd().getMaxValue());
        out.flush();
    }

    void close() {
        out.close();
    }
}
