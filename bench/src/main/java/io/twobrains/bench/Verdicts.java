package io.twobrains.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The ratios between twobrains and its baselines, and the targets judged on them. */
final class Verdicts {

    static final String PROCESSOR = "processor path";
    static final String LIMIT = "raw Kafka limit";
    static final String HTTP = "HTTP path";
    static final String SHARED_ON = "shared database, synchronous_commit=on";
    static final String SHARED_OFF = "shared database, synchronous_commit=off";
    static final String TWOBRAINS_READS = "twobrains (through the door)";
    static final String SHARED_READS = "shared database";

    private Verdicts() {
    }

    /** Throughput of {@code a} over that of {@code b}; 0 when {@code b} did nothing. */
    static double throughputRatio(Map<String, Object> a, Map<String, Object> b) {
        double below = number(b, "throughputPerSecond");
        return below == 0 ? 0 : ratio(number(a, "throughputPerSecond") / below);
    }

    /** The write scenario's {@code ratios} and {@code targets}, from the summaries of its five measurements. */
    static Map<String, Object> write(Map<String, Object> figures) {
        Map<String, Object> processor = summary(figures, PROCESSOR);
        Map<String, Object> http = summary(figures, HTTP);
        Map<String, Object> ratios = new LinkedHashMap<>();
        ratios.put("processor / limit", throughputRatio(processor, summary(figures, LIMIT)));
        ratios.put("HTTP / shared-db (synchronous_commit=on)", throughputRatio(http, summary(figures, SHARED_ON)));
        ratios.put("HTTP / shared-db (synchronous_commit=off)", throughputRatio(http, summary(figures, SHARED_OFF)));
        List<Verdict> targets = List.of(
                Verdict.atLeast("processor path >= 50% of the raw Kafka limit (ratio >= 0.5)",
                        (double) ratios.get("processor / limit"), 0.5),
                Verdict.atLeast("HTTP path >= 3x shared-db with synchronous_commit=on (ratio >= 3)",
                        (double) ratios.get("HTTP / shared-db (synchronous_commit=on)"), 3),
                Verdict.atMost("HTTP write p50 <= 5 ms", number(http, "p50Ms"), 5),
                Verdict.atMost("HTTP write p99 <= 20 ms", number(http, "p99Ms"), 20));
        return withTargets(ratios, targets);
    }

    /**
     * The read scenario's ratios (per size, and the flatness p99(largest)/p99(smallest) of each design)
     * and targets, from its summaries by design and then by size (smallest first).
     */
    static Map<String, Object> read(Map<String, Object> figures) {
        Map<String, Object> ours = summary(figures, TWOBRAINS_READS);
        Map<String, Object> theirs = summary(figures, SHARED_READS);
        Map<String, Object> ratios = new LinkedHashMap<>();
        List<Verdict> targets = new ArrayList<>();
        for (String size : ours.keySet()) {
            Map<String, Object> mine = summary(ours, size);
            double ratio = throughputRatio(mine, summary(theirs, size));
            ratios.put("twobrains / shared-db @ " + size, ratio);
            targets.add(Verdict.atLeast("reads >= shared-db throughput @ " + size + " (ratio >= 1)", ratio, 1));
            targets.add(Verdict.atMost("read p99 <= 4 ms @ " + size, number(mine, "p99Ms"), 4));
        }
        double flat = flatness(ours);
        ratios.put("twobrains p99 largest / smallest", flat);
        ratios.put("shared-db p99 largest / smallest", flatness(theirs));
        targets.add(Verdict.atMost("twobrains read p99 flat within 2x from smallest to largest history", flat, 2));
        return withTargets(ratios, targets);
    }

    /** p99 at the last size over p99 at the first. */
    static double flatness(Map<String, Object> bySize) {
        List<String> sizes = new ArrayList<>(bySize.keySet());
        double first = number(summary(bySize, sizes.get(0)), "p99Ms");
        double last = number(summary(bySize, sizes.get(sizes.size() - 1)), "p99Ms");
        return first == 0 ? 0 : ratio(last / first);
    }

    /** Three decimals: a ratio far below one still shows how far. */
    static double ratio(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    private static Map<String, Object> withTargets(Map<String, Object> ratios, List<Verdict> targets) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("ratios", ratios);
        result.put("targets", targets.stream().map(Verdict::toMap).toList());
        result.put("allTargetsMet", targets.stream().allMatch(Verdict::met));
        return result;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> summary(Map<String, Object> figures, String name) {
        Object found = figures.get(name);
        if (!(found instanceof Map)) {
            throw new IllegalArgumentException("no figures for " + name + " among " + figures.keySet());
        }
        return (Map<String, Object>) found;
    }

    static double number(Map<String, Object> summary, String name) {
        return summary.get(name) instanceof Number n ? n.doubleValue() : 0;
    }
}
