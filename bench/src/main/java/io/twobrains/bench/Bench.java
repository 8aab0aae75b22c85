package io.twobrains.bench;

import io.twobrains.contract.json.ChatJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Benchmarks that print figures. Each run starts its own local stack (or targets a running one with
 * {@code --url}), warms up, measures, prints a table and writes {@code bench-result.json}.
 *
 * <p>Run: {@code java -jar bench/target/twobrains-bench.jar http-writes --users 100 --duration 30s}.
 */
public final class Bench {

    static final List<String> SCENARIOS = List.of("processor-writes", "http-writes", "reads", "chat", "recovery",
            "scale-out");

    private Bench() {
    }

    public static void main(String[] args) throws IOException {
        Options options = Options.parse(args);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("scenario", options.scenario());
        result.put("startedAt", Instant.now().toString());
        result.put("cores", Runtime.getRuntime().availableProcessors());
        result.put("options", Map.of("users", options.users(), "rate", options.rate(),
                "durationSeconds", options.duration().toSeconds(), "warmupSeconds", options.warmup().toSeconds(),
                "commitIntervalMs", options.commitInterval().toMillis(), "tokenDelayMs", options.tokenDelay().toMillis(),
                "target", options.url() == null ? "private local stack" : options.url().toString()));
        try (PacedOpenAi model = options.scenario().equals("chat") ? ChatLoad.model(options) : null;
                Target target = Target.of(options, model == null ? Map.of() : model.providerSettings())) {
            System.out.printf("%n%s: %d users, %s%n", options.scenario(), options.users(),
                    options.rate() > 0 ? "open loop at " + options.rate() + "/s" : "closed loop");
            Map<String, Object> figures = switch (options.scenario()) {
                case "processor-writes" -> Scenarios.processorWrites(target, options);
                case "http-writes" -> Scenarios.httpWrites(target, options);
                case "reads" -> Scenarios.historyReads(target, options);
                case "chat" -> ChatLoad.run(target, options, model);
                case "recovery" -> Recovery.run(target, options);
                case "scale-out" -> ScaleOut.run(target, options);
                default -> throw new IllegalArgumentException("unknown scenario " + options.scenario()
                        + "; one of " + SCENARIOS);
            };
            result.put("figures", figures);
            print(options.scenario(), figures);
        }
        Files.writeString(Path.of("bench-result.json"),
                ChatJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(result) + "\n");
        System.out.println("figures written to bench-result.json");
        System.exit(0);
    }

    @SuppressWarnings("unchecked")
    private static void print(String name, Map<String, Object> figures) {
        if (figures.values().iterator().next() instanceof Map) {
            figures.forEach((label, nested) -> print(name + " @ " + label, (Map<String, Object>) nested));
            return;
        }
        System.out.printf("%n%-40s %10s %9s %9s %9s %9s %7s %8s%n", name, "req/s", "p50 ms", "p95 ms", "p99 ms",
                "max ms", "errors", "cpu s");
        System.out.printf("%-40s %10s %9s %9s %9s %9s %7s %8s%n", "", figures.get("throughputPerSecond"),
                figures.get("p50Ms"), figures.get("p95Ms"), figures.get("p99Ms"), figures.get("maxMs"),
                figures.get("errors"), figures.get("cpuSeconds"));
    }
}
