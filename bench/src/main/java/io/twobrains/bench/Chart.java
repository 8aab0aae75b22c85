package io.twobrains.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Draws one bench result as an SVG: for every measured row its highest rate held and the throughput
 * measured at 70% of it, p50/p99, and the system's CPU per request; for the read scenario p99 against
 * history size for each design; then the ratios and the targets.
 */
final class Chart {

    private static final int WIDTH = 960;
    private static final double LABEL_END = 350;
    private static final double BAR_START = 360;
    private static final double BAR_SPAN = 480;
    private static final String[] COLOURS = {"#2b6cb0", "#c05621", "#2f855a"};
    private static final double LOG_FLOOR_MS = 0.1;
    /** Cores used outside the run above which a row is marked as disturbed. */
    private static final double DISTURBED_CORES = 0.3;
    private static final Map<String, String> LEGEND = Map.of("maxRatePerSecond", "highest rate held",
            "throughputPerSecond", "measured at 70%", "p50Ms", "p50", "p99Ms", "p99", "cpuMsPerRequest", "all",
            "cpuMsPerRequestAboveIdle", "above idle");

    /** Where a value falls between the floor and the largest value, from 0 to 1. */
    record Scale(boolean logarithmic, double floor, double max) {
        double fraction(double value) {
            if (max <= floor || value <= floor) {
                return 0;
            }
            return logarithmic ? Math.log(value / floor) / Math.log(max / floor) : (value - floor) / (max - floor);
        }
    }

    private Chart() {
    }

    @SuppressWarnings("unchecked")
    static String render(Map<String, Object> result) {
        Map<String, Object> figures = (Map<String, Object>) result.get("figures");
        Map<String, Object> options = result.get("options") instanceof Map<?, ?> o ? (Map<String, Object>) o : Map.of();
        Map<String, Map<String, Object>> rows = Report.rows(figures);
        Svg svg = new Svg(WIDTH);
        double y = 28;
        svg.text(16, y, "twobrains bench: " + result.get("scenario"), "start", 18, "#111", true);
        y += 20;
        // Runs before the automatic warm-up gave its length in seconds; runs before the open loop had no loop.
        Object warmup = options.containsKey("warmup") ? options.get("warmup") : options.get("warmupSeconds") + "s";
        boolean open = "open".equals(options.get("loop"));
        svg.text(16, y, String.format(Locale.ROOT, "%s%s, %s users%s, %s s measured%s after warm-up (%s); %s cores, %s",
                open ? "open loop" : "closed loop", Boolean.TRUE.equals(options.get("quick")) ? " (quick)" : "",
                options.get("users"), open ? "" : " in flight", options.get("durationSeconds"),
                open ? " at 70% of the highest rate held," : "", warmup, result.get("cores"), result.get("startedAt")),
                "start", 12, "#555", false);
        boolean searched = rows.values().stream().anyMatch(row -> row.containsKey("maxRatePerSecond"));
        y = bars(svg, y + 30, searched ? "rate (per second): highest held with p99 <= 50 ms, and measured at 70% of it"
                : "throughput (per second)", rows,
                searched ? List.of("maxRatePerSecond", "throughputPerSecond") : List.of("throughputPerSecond"), false, true);
        // Latencies span 0.5 ms to seconds: on a linear scale the fast ones would not show at all.
        y = bars(svg, y + 20, "latency (ms, log scale): p50, p99", rows, List.of("p50Ms", "p99Ms"), true);
        if (rows.values().stream().anyMatch(row -> row.containsKey("cpuMsPerRequest"))) {
            y = bars(svg, y + 20, "CPU ms per request, all processes of the system under test", rows,
                    List.of("cpuMsPerRequest", "cpuMsPerRequestAboveIdle"), false);
        }
        if (figures.get("sizes") instanceof List<?> sizes && figures.get(Verdicts.TWOBRAINS_READS) instanceof Map) {
            y = p99BySize(svg, y + 20, (List<Object>) sizes, figures);
        }
        if (figures.get("ratios") instanceof Map<?, ?> ratios) {
            svg.text(16, y += 34, "ratios", "start", 14, "#111", true);
            for (Map.Entry<?, ?> ratio : ratios.entrySet()) {
                svg.text(16, y += 18, ratio.getKey() + " = " + ratio.getValue(), "start", 12, "#111", false);
            }
        }
        if (figures.get("targets") instanceof List<?> targets) {
            svg.text(16, y += 30, "targets (reported, never asserted)", "start", 14, "#111", true);
            for (Object each : targets) {
                Map<String, Object> verdict = (Map<String, Object>) each;
                boolean met = Boolean.TRUE.equals(verdict.get("met"));
                svg.text(16, y += 18, (met ? "met: " : "missed: ") + verdict.get("target") + " (measured "
                        + verdict.get("measured") + ")", "start", 12, met ? "#276749" : "#c53030", false);
            }
        }
        return svg.render((int) y + 24);
    }

    /** One bar per row and figure, scaled to the largest value shown in this panel. */
    private static double bars(Svg svg, double y, String title, Map<String, Map<String, Object>> rows, List<String> keys,
            boolean logarithmic) {
        return bars(svg, y, title, rows, keys, logarithmic, false);
    }

    /** As above; with {@code markDisturbed}, a row measured while more than 0.3 cores were used outside the run says so. */
    private static double bars(Svg svg, double y, String title, Map<String, Map<String, Object>> rows, List<String> keys,
            boolean logarithmic, boolean markDisturbed) {
        svg.text(16, y, title, "start", 14, "#111", true);
        if (keys.size() > 1) {
            y += 18; // the legend on a line of its own, below a title that may be long
            for (int k = 0; k < keys.size(); k++) {
                svg.bar(BAR_START + k * 130, y - 10, 10, 10, COLOURS[k], "legend", keys.get(k), 0);
                svg.text(BAR_START + k * 130 + 14, y, LEGEND.getOrDefault(keys.get(k), keys.get(k)), "start", 11,
                        "#333", false);
            }
        }
        double max = rows.values().stream().flatMap(row -> keys.stream().map(key -> Verdicts.number(row, key)))
                .mapToDouble(Double::doubleValue).max().orElse(0);
        Scale scale = logarithmic ? new Scale(true, LOG_FLOOR_MS, max) : new Scale(false, 0, max);
        double thickness = keys.size() == 1 ? 16 : 9;
        y += 10;
        for (Map.Entry<String, Map<String, Object>> row : rows.entrySet()) {
            svg.text(LABEL_END, y + thickness * keys.size() / 2 + 4, row.getKey(), "end", 12, "#111", false);
            double outside = Verdicts.number(row.getValue(), "outsideCores");
            if (markDisturbed && outside > DISTURBED_CORES) {
                svg.text(LABEL_END, y + thickness * keys.size() + 5, String.format(Locale.ROOT,
                        "disturbed: %.2f cores used outside the run", outside), "end", 9, "#c53030", false);
            }
            for (int k = 0; k < keys.size(); k++) {
                if (row.getValue().containsKey(keys.get(k))) {
                    double value = Verdicts.number(row.getValue(), keys.get(k));
                    double width = scale.fraction(value) * BAR_SPAN;
                    svg.bar(BAR_START, y, width, thickness - 1, COLOURS[k], keys.get(k), row.getKey(), value);
                    svg.text(BAR_START + width + 6, y + thickness - 2, format(value), "start", 11, "#333", false);
                }
                y += thickness;
            }
            y += 8;
        }
        return y;
    }

    /** p99 of a 50-message page against history size, one line per design: flat is the claim. */
    @SuppressWarnings("unchecked")
    private static double p99BySize(Svg svg, double y, List<Object> sizes, Map<String, Object> figures) {
        svg.text(16, y, "read p99 (ms) by messages in the conversation", "start", 14, "#111", true);
        List<String> designs = Stream.of(Verdicts.TWOBRAINS_READS, Verdicts.SERVICE_READS, Verdicts.BARE_READS,
                Verdicts.SHARED_READS_BEFORE).filter(design -> figures.get(design) instanceof Map).toList();
        double max = 0;
        for (String design : designs) {
            for (Object row : ((Map<String, Object>) figures.get(design)).values()) {
                max = Math.max(max, Verdicts.number((Map<String, Object>) row, "p99Ms"));
            }
        }
        double top = y + 20;
        double height = 180;
        double left = 120;
        double span = 520;
        double scale = max == 0 ? 0 : height / (max * 1.15);
        svg.line(left, top + height, left + span, top + height, "#999").line(left, top, left, top + height, "#999");
        svg.text(left - 8, top + height + 4, "0", "end", 11, "#333", false);
        svg.text(left - 8, top + height - max * scale + 4, format(max), "end", 11, "#333", false);
        for (int d = 0; d < designs.size(); d++) {
            Map<String, Object> bySize = (Map<String, Object>) figures.get(designs.get(d));
            List<double[]> points = new ArrayList<>();
            int i = 0;
            for (Object row : bySize.values()) {
                double x = left + (sizes.size() == 1 ? span / 2 : i * span / (sizes.size() - 1));
                double p99 = Verdicts.number((Map<String, Object>) row, "p99Ms");
                points.add(new double[] {x, top + height - p99 * scale});
                svg.text(x + 6, top + height - p99 * scale - 6, format(p99), "start", 11, COLOURS[d], false);
                i++;
            }
            svg.polyline(points, COLOURS[d], designs.get(d));
            svg.bar(left + span + 20, top + d * 20, 10, 10, COLOURS[d], "legend", designs.get(d), 0);
            svg.text(left + span + 34, top + d * 20 + 10, designs.get(d), "start", 11, "#333", false);
        }
        for (int i = 0; i < sizes.size(); i++) {
            double x = left + (sizes.size() == 1 ? span / 2 : i * span / (sizes.size() - 1));
            svg.text(x, top + height + 18, String.format(Locale.ROOT, "%,d", ((Number) sizes.get(i)).longValue()),
                    "middle", 11, "#333", false);
        }
        return top + height + 24;
    }

    static String format(double value) {
        return value >= 100 ? String.format(Locale.ROOT, "%,.0f", value)
                : value < 1 ? String.format(Locale.ROOT, "%.3f", value) : String.format(Locale.ROOT, "%.2f", value);
    }
}
