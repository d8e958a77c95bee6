package io.cicada.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchReportTest {
    @TempDir
    Path dir;

    @Test
    void summaryJsonAndPlotCarryTheSameFigures() throws Exception {
        Histogram latency = new Histogram(3_600_000_000L, 3);
        for (int micros = 1; micros <= 1000; micros++) {
            latency.recordValue(micros * 10L); // 0.01 .. 10 ms
        }
        BenchReport report = new BenchReport("bench pub: test")
                .count("sent", 1000, 2.0)
                .figure("delivery", "ok 1000/1000")
                .latency("ack", latency)
                .latency("empty", new Histogram(3));

        StringWriter text = new StringWriter();
        report.print(new PrintWriter(text));
        assertThat(text.toString())
                .contains("bench pub: test")
                .containsPattern("sent +1000  \\(500\\.0/s\\)")
                .containsPattern(
                        "ack ms +p50 5\\.00\\d p90 9\\.0\\d\\d p99 9\\.9\\d\\d p99\\.9 9\\.9\\d\\d  max 10\\.0\\d\\d")
                .doesNotContain("empty");

        Path json = dir.resolve("r.json");
        report.writeJson(json);
        assertThat(Files.readString(json))
                .startsWith("{\"bench\":\"bench pub: test\",\"sent\":1000,\"sent_per_second\":500.0,")
                .contains("\"delivery\":\"ok 1000/1000\"", "\"latency_ms\":{\"ack\":{\"p50\":5.00");

        Path svg = dir.resolve("r.svg");
        report.writePlot(svg);
        assertThat(Files.readString(svg))
                .startsWith("<svg")
                .contains("99.999%", "<polyline")
                .endsWith("</svg>\n");
    }
}
