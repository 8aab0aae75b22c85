package io.twobrains.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Hand-made figures, shaped as the scenarios return them, for the renderer's and the verdicts' tests. */
final class Results {

    private Results() {
    }

    /** A path that held {@code maxRate} and was measured at 70% of it. */
    static Map<String, Object> summary(double maxRate, double p50, double p99, double cpuMsPerRequest) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("ratePerSecond", maxRate * 0.7);
        summary.put("requests", (long) (maxRate * 0.7 * 30));
        summary.put("throughputPerSecond", maxRate * 0.7);
        summary.put("p50Ms", p50);
        summary.put("p95Ms", (p50 + p99) / 2);
        summary.put("p99Ms", p99);
        summary.put("maxMs", p99 * 2);
        summary.put("errors", 0L);
        summary.put("cpuSeconds", 50.0);
        summary.put("cpuMsPerRequest", cpuMsPerRequest);
        summary.put("maxRatePerSecond", maxRate);
        return summary;
    }

    static Map<String, Object> write(double processor, double relay, double http, double serviceOn, double serviceOff,
            double httpP50, double httpP99) {
        return write(processor, relay, http, serviceOn, serviceOff, httpP50, httpP99, 1.0, 1.0);
    }

    /** Highest rates of each path, the HTTP path's latencies, and CPU per append of it and of the service (on). */
    static Map<String, Object> write(double processor, double relay, double http, double serviceOn, double serviceOff,
            double httpP50, double httpP99, double httpCpu, double serviceCpu) {
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put(Verdicts.PROCESSOR, summary(processor, 10, 30, 0.5));
        figures.put(Verdicts.RELAY, summary(relay, 5, 12, 0.1));
        figures.put(Verdicts.HTTP, summary(http, httpP50, httpP99, httpCpu));
        figures.put(Verdicts.SERVICE_ON, summary(serviceOn, 2, 7, serviceCpu));
        figures.put(Verdicts.SERVICE_OFF, summary(serviceOff, 1, 4, serviceCpu));
        return figures;
    }

    /** Read figures with the given p99 per size (smallest first) for twobrains, and the service's p99 1.5 ms. */
    static Map<String, Object> read(double maxRate, double serviceMaxRate, double... p99s) {
        Map<String, Object> ours = new LinkedHashMap<>();
        Map<String, Object> theirs = new LinkedHashMap<>();
        List<Integer> sizes = List.of(100, 10_000, 100_000).subList(0, p99s.length);
        for (int i = 0; i < p99s.length; i++) {
            ours.put(sizes.get(i) + " messages", summary(maxRate, p99s[i] / 2, p99s[i], 0.5));
            theirs.put(sizes.get(i) + " messages", summary(serviceMaxRate, 1, 1.5, 0.5));
        }
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("sizes", sizes);
        figures.put(Verdicts.TWOBRAINS_READS, ours);
        figures.put(Verdicts.SERVICE_READS, theirs);
        return figures;
    }

    static Map<String, Object> result(String scenario, Map<String, Object> figures) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("scenario", scenario);
        result.put("startedAt", "2026-11-27T05:00:00Z");
        result.put("cores", 2);
        result.put("options", Map.of("users", 1000, "durationSeconds", 30, "warmup", "auto", "loop", "open"));
        result.put("figures", figures);
        return result;
    }
}
