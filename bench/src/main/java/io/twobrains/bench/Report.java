package io.twobrains.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The readable side of a result: its measured rows, ratios and targets, as a table on the console. */
final class Report {

    private Report() {
    }

    /**
     * Every measured summary in the figures (a map with a throughput), by its label; nested ones are
     * labelled {@code outer @ inner}, in the order they were measured.
     */
    static Map<String, Map<String, Object>> rows(Map<String, Object> figures) {
        Map<String, Map<String, Object>> rows = new LinkedHashMap<>();
        collect("", figures, rows);
        return rows;
    }

    @SuppressWarnings("unchecked")
    private static void collect(String prefix, Map<String, Object> figures, Map<String, Map<String, Object>> rows) {
        if (figures.containsKey("throughputPerSecond")) {
            rows.put(prefix.isEmpty() ? "all" : prefix, figures);
            return;
        }
        figures.forEach((name, value) -> {
            if (value instanceof Map<?, ?> nested) {
                collect(prefix.isEmpty() ? name : prefix + " @ " + name, (Map<String, Object>) nested, rows);
            }
        });
    }

    @SuppressWarnings("unchecked")
    static void print(String scenario, Map<String, Object> figures) {
        String format = "%-56s %9s %9s %9s %9s %9s %7s %10s %10s %8s%n";
        System.out.printf("%n" + format, scenario, "max/s", "asked/s", "done/s", "p50 ms", "p99 ms", "errors",
                "cpu ms/req", "above idle", "outside");
        rows(figures).forEach((label, row) -> System.out.printf(format, label, row.getOrDefault("maxRatePerSecond", "-"),
                row.getOrDefault("ratePerSecond", "-"), row.get("throughputPerSecond"), row.get("p50Ms"), row.get("p99Ms"),
                row.get("errors"), row.getOrDefault("cpuMsPerRequest", "-"), row.getOrDefault("cpuMsPerRequestAboveIdle", "-"),
                row.getOrDefault("outsideCores", "-")));
        rows(figures).forEach((label, row) -> {
            if (row.get("errorKinds") != null) {
                System.out.printf("  errors of %s: %s%n", label, row.get("errorKinds"));
            }
        });
        System.out.println("  (max/s: the highest rate held with no errors and p99 <= 50 ms; asked/s and the rest: the "
                + "measurement at 70% of it; cpu: all processes of the system under test, and that less their idle use; "
                + "outside: cores used by processes outside this run)");
        if (figures.get("ratios") instanceof Map<?, ?> ratios) {
            System.out.println();
            ratios.forEach((name, value) -> System.out.printf("  %-54s %s%n", name, value));
        }
        if (figures.get("targets") instanceof List<?> targets) {
            System.out.println();
            for (Object target : targets) {
                Map<String, Object> verdict = (Map<String, Object>) target;
                System.out.printf("  %-7s %s (measured %s)%n", Boolean.TRUE.equals(verdict.get("met")) ? "met" : "MISSED",
                        verdict.get("target"), verdict.get("measured"));
            }
        }
    }
}
