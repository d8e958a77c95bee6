package io.cicada.cli.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * The end of a bench run: the summary lines on standard output and, when asked, the same figures as JSON and the
 * latency distribution as SVG. Built and written on the main thread.
 *
 * <p>Summary lines start with a fixed word so scripts can pick them out: {@code connections}, {@code sent},
 * {@code acked}, {@code received}, {@code delivered}, {@code delivery}, and one line per latency histogram with p50 / p90 / p99 /
 * p99.9 / max in milliseconds.
 */
final class BenchReport {
    static final double[] PERCENTILES = {50, 90, 99, 99.9};

    private final String title;
    private final Map<String, Object> figures = new LinkedHashMap<>();
    private final Map<String, Histogram> latencies = new LinkedHashMap<>();
    private final StringBuilder lines = new StringBuilder();

    BenchReport(String title) {
        this.title = title;
        figures.put("bench", title);
    }

    /** A count with its rate over {@code seconds}. */
    BenchReport count(String name, long value, double seconds) {
        double rate = seconds > 0 ? value / seconds : 0;
        figures.put(name, value);
        figures.put(name + "_per_second", Math.round(rate * 10) / 10.0);
        lines.append(String.format(Locale.ROOT, "%-12s %12d  (%.1f/s)%n", name, value, rate));
        return this;
    }

    /** A figure without a rate (a count of failures, a setting). */
    BenchReport figure(String name, Object value) {
        figures.put(name, value);
        lines.append(String.format(Locale.ROOT, "%-12s %12s%n", name, value));
        return this;
    }

    /** A latency histogram (microseconds); skipped when it has no values. */
    BenchReport latency(String name, Histogram histogram) {
        if (histogram.getTotalCount() == 0) {
            return this;
        }
        latencies.put(name, histogram);
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-12s ", name + " ms"));
        for (double p : PERCENTILES) {
            line.append(String.format(Locale.ROOT, " p%s %s", label(p), millis(histogram, p)));
        }
        line.append(String.format(
                Locale.ROOT, "  max %.3f  (n=%d)%n", histogram.getMaxValue() / 1000.0, histogram.getTotalCount()));
        lines.append(line);
        return this;
    }

    void print(PrintWriter out) {
        out.println(title);
        out.print(lines);
        out.flush();
    }

    void writeJson(Path file) throws IOException {
        StringBuilder json = new StringBuilder("{");
        String sep = "";
        for (Map.Entry<String, Object> e : figures.entrySet()) {
            json.append(sep).append('"').append(e.getKey()).append("\":").append(jsonValue(e.getValue()));
            sep = ",";
        }
        json.append(sep).append("\"latency_ms\":{");
        String latencySep = "";
        for (Map.Entry<String, Histogram> e : latencies.entrySet()) {
            Histogram h = e.getValue();
            json.append(latencySep).append('"').append(e.getKey()).append("\":{");
            for (double p : PERCENTILES) {
                json.append("\"p")
                        .append(label(p))
                        .append("\":")
                        .append(millis(h, p))
                        .append(',');
            }
            json.append("\"max\":").append(String.format(Locale.ROOT, "%.3f", h.getMaxValue() / 1000.0));
            json.append(",\"count\":").append(h.getTotalCount()).append('}');
            latencySep = ",";
        }
        json.append("}}\n");
        Files.writeString(file, json, StandardCharsets.UTF_8);
    }

    void writePlot(Path file) throws IOException {
        Files.writeString(file, LatencyPlot.svg(title, latencies), StandardCharsets.UTF_8);
    }

    /** The value at {@code percentile} in milliseconds with three decimals, or {@code -} when empty. */
    static String millis(Histogram histogram, double percentile) {
        if (histogram.getTotalCount() == 0) {
            return "-";
        }
        return String.format(Locale.ROOT, "%.3f", histogram.getValueAtPercentile(percentile) / 1000.0);
    }

    private static String label(double p) {
        return p == Math.rint(p) ? Long.toString((long) p) : Double.toString(p);
    }

    private static String jsonValue(Object value) {
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        return '"' + value.toString().replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
