package io.cicada.cli.bench;

import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Draws latency distributions as an SVG line chart in the usual HdrHistogram shape: the x axis is the percentile on
 * a log scale of "nines" (0, 90, 99, 99.9, 99.99 %), the y axis the latency in milliseconds. Stateless.
 */
final class LatencyPlot {
    private static final int WIDTH = 800;
    private static final int HEIGHT = 480;
    private static final int LEFT = 70;
    private static final int RIGHT = 30;
    private static final int TOP = 40;
    private static final int BOTTOM = 50;
    private static final double MAX_NINES = 5; // 99.999 %
    private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd"};

    private LatencyPlot() {}

    static String svg(String title, Map<String, Histogram> series) {
        double maxMillis = 0.001;
        for (Histogram h : series.values()) {
            maxMillis = Math.max(maxMillis, h.getMaxValue() / 1000.0);
        }
        maxMillis = niceCeiling(maxMillis);
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(
                Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\""
                        + " font-size=\"12\">%n<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>%n",
                WIDTH,
                HEIGHT));
        svg.append(String.format(
                Locale.ROOT, "<text x=\"%d\" y=\"24\" font-size=\"15\">%s</text>%n", LEFT, escape(title)));
        axes(svg, maxMillis);
        int colour = 0;
        for (Map.Entry<String, Histogram> e : series.entrySet()) {
            String stroke = COLOURS[colour % COLOURS.length];
            svg.append("<polyline fill=\"none\" stroke-width=\"2\" stroke=\"")
                    .append(stroke)
                    .append("\" points=\"");
            for (int step = 0; step <= 250; step++) {
                double nines = MAX_NINES * step / 250.0;
                double percentile = 100.0 * (1.0 - Math.pow(10, -nines));
                double millis = e.getValue().getValueAtPercentile(percentile) / 1000.0;
                svg.append(String.format(Locale.ROOT, "%.1f,%.1f ", x(nines), y(millis, maxMillis)));
            }
            svg.append("\"/>\n");
            svg.append(String.format(
                    Locale.ROOT,
                    "<text x=\"%d\" y=\"%d\" fill=\"%s\">%s</text>%n",
                    LEFT + 10,
                    TOP + 18 + 16 * colour,
                    stroke,
                    escape(e.getKey())));
            colour++;
        }
        return svg.append("</svg>\n").toString();
    }

    private static void axes(StringBuilder svg, double maxMillis) {
        int bottom = HEIGHT - BOTTOM;
        svg.append(String.format(
                Locale.ROOT,
                "<path d=\"M%d %d V%d H%d\" stroke=\"black\" fill=\"none\"/>%n",
                LEFT,
                TOP,
                bottom,
                WIDTH - RIGHT));
        String[] labels = {"0%", "90%", "99%", "99.9%", "99.99%", "99.999%"};
        for (int nines = 0; nines <= MAX_NINES; nines++) {
            svg.append(String.format(
                    Locale.ROOT,
                    "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
                    x(nines),
                    bottom + 18,
                    labels[nines]));
        }
        for (int tick = 0; tick <= 4; tick++) {
            double millis = maxMillis * tick / 4;
            double y = y(millis, maxMillis);
            svg.append(String.format(
                    Locale.ROOT,
                    "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>"
                            + "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>%n",
                    LEFT - 6,
                    y + 4,
                    trim(millis),
                    LEFT,
                    WIDTH - RIGHT,
                    y,
                    y));
        }
        svg.append(String.format(
                Locale.ROOT,
                "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">percentile</text>%n"
                        + "<text x=\"16\" y=\"%d\" transform=\"rotate(-90 16 %d)\" text-anchor=\"middle\">latency"
                        + " (ms)</text>%n",
                (LEFT + WIDTH - RIGHT) / 2,
                HEIGHT - 10,
                (TOP + bottom) / 2,
                (TOP + bottom) / 2));
    }

    private static double x(double nines) {
        return LEFT + (WIDTH - LEFT - RIGHT) * nines / MAX_NINES;
    }

    private static double y(double millis, double maxMillis) {
        int bottom = HEIGHT - BOTTOM;
        return bottom - (bottom - TOP) * Math.min(1.0, millis / maxMillis);
    }

    private static double niceCeiling(double value) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(value)));
        for (double step : new double[] {1, 2, 5, 10}) {
            if (value <= step * magnitude) {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }

    private static String trim(double millis) {
        return String.format(Locale.ROOT, millis >= 10 ? "%.0f" : millis >= 1 ? "%.1f" : "%.3f", millis);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
