package io.twobrains.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Hand-made figures, shaped as the scenarios return them, for the renderer's and the verdicts' tests. */
final class Results {

    private Results() {
    }

    static Map<String, Object> summary(double throughput, double p50, double p99) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("requests", (long) (throughput * 30));
        summary.put("throughputPerSecond", throughput);
        summary.put("p50Ms", p50);
        summary.put("p95Ms", (p50 + p99) / 2);
        summary.put("p99Ms", p99);
        summary.put("maxMs", p99 * 2);
        summary.put("errors", 0L);
        summary.put("cpuSeconds", 50.0);
        return summary;
    }

    static Map<String, Object> write(double processor, double limit, double http, double sharedOn, double sharedOff,
            double httpP50, double httpP99) {
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put(Verdicts.PROCESSOR, summary(processor, 10, 30));
        figures.put(Verdicts.LIMIT, summary(limit, 5, 12));
        figures.put(Verdicts.HTTP, summary(http, httpP50, httpP99));
        figures.put(Verdicts.SHARED_ON, summary(sharedOn, 2, 7));
        figures.put(Verdicts.SHARED_OFF, summary(sharedOff, 1, 4));
        return figures;
    }

    /** Read figures with the given p99 per size (smallest first) for twobrains, and shared-db p99 1.5 ms. */
    static Map<String, Object> read(double throughput, double sharedThroughput, double... p99s) {
        Map<String, Object> ours = new LinkedHashMap<>();
        Map<String, Object> theirs = new LinkedHashMap<>();
        List<Integer> sizes = List.of(100, 10_000, 100_000).subList(0, p99s.length);
        for (int i = 0; i < p99s.length; i++) {
            ours.put(sizes.get(i) + " messages", summary(throughput, p99s[i] / 2, p99s[i]));
            theirs.put(sizes.get(i) + " messages", summary(sharedThroughput, 1, 1.5));
        }
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("sizes", sizes);
        figures.put(Verdicts.TWOBRAINS_READS, ours);
        figures.put(Verdicts.SHARED_READS, theirs);
        return figures;
    }

    static Map<String, Object> result(String scenario, Map<String, Object> figures) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("scenario", scenario);
        result.put("startedAt", "2026-11-27T05:00:00Z");
        result.put("cores", 2);
        result.put("options", Map.of("users", 1000, "durationSeconds", 30, "warmupSeconds", 60));
        result.put("figures", figures);
        return result;
    }
}
