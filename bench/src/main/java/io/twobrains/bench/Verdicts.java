package io.twobrains.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The ratios between twobrains and its baselines, and issue 9's targets judged on them. A path's
 * capacity is the highest rate it held (no errors, p99 at most 50 ms); its latencies and CPU per
 * request are those measured at 70% of that rate. A closed-loop or fixed-rate run has no highest
 * rate: its throughput stands in.
 */
final class Verdicts {

    static final String PROCESSOR = "processor path";
    static final String RELAY = "transactional relay (limit)";
    static final String HTTP = "HTTP path";
    static final String SERVICE_ON = "shared-db service, synchronous_commit=on";
    static final String SERVICE_OFF = "shared-db service, synchronous_commit=off";
    static final String BARE_ON = "bare JDBC, synchronous_commit=on";
    static final String BARE_OFF = "bare JDBC, synchronous_commit=off";
    static final String TWOBRAINS_READS = "twobrains (through the door)";
    static final String SERVICE_READS = "shared-db service";
    static final String BARE_READS = "bare JDBC";
    /** The shared design's reads in results saved before the service (the chart still draws them). */
    static final String SHARED_READS_BEFORE = "shared database";

    private Verdicts() {
    }

    /** The highest rate held, or the throughput when none was searched for. */
    static double capacity(Map<String, Object> summary) {
        return summary.containsKey("maxRatePerSecond") ? number(summary, "maxRatePerSecond")
                : number(summary, "throughputPerSecond");
    }

    /** What a ratio says when one of its sides was not measured: a number there would read as a measurement. */
    static final String NOT_MEASURED = "not measured (a side held no rate)";

    /** Capacity of {@code a} over that of {@code b}; NaN when {@code b} held nothing (0 when only {@code a} did not). */
    static double capacityRatio(Map<String, Object> a, Map<String, Object> b) {
        double below = capacity(b);
        return below == 0 ? Double.NaN : ratio(capacity(a) / below);
    }

    /** CPU per request of {@code a} over that of {@code b}; NaN when either was not measured. */
    static double cpuRatio(Map<String, Object> a, Map<String, Object> b) {
        double above = number(a, "cpuMsPerRequest");
        double below = number(b, "cpuMsPerRequest");
        return above == 0 || below == 0 ? Double.NaN : ratio(above / below);
    }

    /** A ratio as the JSON and the chart show it: its value, or {@link #NOT_MEASURED}. */
    static Object shown(double ratio) {
        return Double.isNaN(ratio) ? NOT_MEASURED : ratio;
    }

    /** The write scenario's {@code ratios} and {@code targets}, from the summaries of its measurements. */
    static Map<String, Object> write(Map<String, Object> figures) {
        Map<String, Object> processor = summary(figures, PROCESSOR);
        Map<String, Object> http = summary(figures, HTTP);
        Map<String, Object> service = summary(figures, SERVICE_ON);
        Map<String, Object> ratios = new LinkedHashMap<>();
        double processorOverRelay = capacityRatio(processor, summary(figures, RELAY));
        double httpOverService = capacityRatio(http, service);
        ratios.put("processor / relay (highest rate)", shown(processorOverRelay));
        ratios.put("HTTP / shared-db service, on (highest rate)", shown(httpOverService));
        ratios.put("HTTP / shared-db service, off (highest rate)", shown(capacityRatio(http, summary(figures, SERVICE_OFF))));
        if (figures.get(BARE_ON) instanceof Map) {
            ratios.put("HTTP / bare JDBC, on (highest rate)", shown(capacityRatio(http, summary(figures, BARE_ON))));
        }
        ratios.put("CPU per append, HTTP / shared-db service, on", shown(cpuRatio(http, service)));
        ratios.put("CPU per append, shared-db service, on / off",
                shown(cpuRatio(service, summary(figures, SERVICE_OFF))));
        List<Verdict> targets = new ArrayList<>(List.of(
                Verdict.atLeast("HTTP appends >= 1.5x the shared-db service's highest rate (synchronous_commit=on)",
                        httpOverService, 1.5),
                latency("HTTP append p50 <= 5 ms at 70% of its highest rate", http, "p50Ms", 5),
                latency("HTTP append p99 <= 20 ms at 70% of its highest rate", http, "p99Ms", 20)));
        cpuTarget("CPU per append <= the shared-db service's (ratio <= 1)", http, service).ifPresent(targets::add);
        targets.add(Verdict.atLeast("processor path >= 0.5x the transactional relay's highest rate",
                processorOverRelay, 0.5));
        return withTargets(ratios, targets);
    }

    /**
     * The read scenario's ratios (per size, and the flatness p99(largest)/p99(smallest) of each design)
     * and targets, from its summaries by design and then by size (smallest first).
     */
    static Map<String, Object> read(Map<String, Object> figures) {
        Map<String, Object> ours = summary(figures, TWOBRAINS_READS);
        Map<String, Object> theirs = summary(figures, SERVICE_READS);
        Map<String, Object> ratios = new LinkedHashMap<>();
        List<Verdict> targets = new ArrayList<>();
        for (String size : ours.keySet()) {
            Map<String, Object> mine = summary(ours, size);
            Map<String, Object> service = summary(theirs, size);
            double ratio = capacityRatio(mine, service);
            double cpu = cpuRatio(mine, service);
            ratios.put("twobrains / shared-db service @ " + size + " (highest rate)", shown(ratio));
            ratios.put("CPU per page, twobrains / shared-db service @ " + size, shown(cpu));
            targets.add(Verdict.atLeast("pages >= 1.5x the shared-db service's highest rate @ " + size, ratio, 1.5));
            targets.add(latency("page p99 <= 5 ms at 70% of its highest rate @ " + size, mine, "p99Ms", 5));
            cpuTarget("CPU per page <= the shared-db service's @ " + size + " (ratio <= 1)", mine, service)
                    .ifPresent(targets::add);
        }
        double flat = flatness(ours);
        ratios.put("twobrains p99 largest / smallest", shown(flat));
        ratios.put("shared-db service p99 largest / smallest", shown(flatness(theirs)));
        targets.add(Verdict.atMost("twobrains page p99 flat within 2x from smallest to largest history", flat, 2));
        return withTargets(ratios, targets);
    }

    /** The chat scenario's targets: what twobrains adds before the first token, and the streams held open. */
    static Map<String, Object> chat(Map<String, Object> figures) {
        Map<String, Object> added = summary(summary(figures, "added by twobrains"), "first token");
        List<Verdict> targets = new ArrayList<>(List.of(
                Verdict.atMost("added time to first token p50 <= 10 ms", number(added, "p50Ms"), 10),
                Verdict.atMost("added time to first token p99 <= 30 ms", number(added, "p99Ms"), 30)));
        if (figures.get("open streams") instanceof Map<?, ?>) {
            Map<String, Object> streams = summary(figures, "open streams");
            targets.add(Verdict.atLeast("streams held open with no error >= 10,000", number(streams, "heldWithNoError"),
                    10_000));
        }
        return withTargets(new LinkedHashMap<>(), targets);
    }

    /** A latency at most {@code bound}; missed when there was nothing to measure (the path held no rate). */
    private static Verdict latency(String target, Map<String, Object> summary, String percentile, double bound) {
        if (!(summary.get(percentile) instanceof Number) || number(summary, "requests") == 0) {
            return new Verdict(target + ": nothing measured", 0, false);
        }
        return Verdict.atMost(target, number(summary, percentile), bound);
    }

    /** CPU per request of ours at most theirs; no verdict when either was not measured (a stack at --url without --pids). */
    private static Optional<Verdict> cpuTarget(String target, Map<String, Object> ours, Map<String, Object> theirs) {
        double ratio = cpuRatio(ours, theirs);
        return Double.isNaN(ratio) ? Optional.empty() : Optional.of(Verdict.atMost(target, ratio, 1));
    }

    /** p99 at the last size over p99 at the first; NaN when either was not measured. */
    static double flatness(Map<String, Object> bySize) {
        List<String> sizes = new ArrayList<>(bySize.keySet());
        double first = number(summary(bySize, sizes.get(0)), "p99Ms");
        double last = number(summary(bySize, sizes.get(sizes.size() - 1)), "p99Ms");
        return first == 0 || last == 0 ? Double.NaN : ratio(last / first);
    }

    /** Three decimals: a ratio far below one still shows how far. */
    static double ratio(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    private static Map<String, Object> withTargets(Map<String, Object> ratios, List<Verdict> targets) {
        Map<String, Object> result = new LinkedHashMap<>();
        if (!ratios.isEmpty()) {
            result.put("ratios", ratios);
        }
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
