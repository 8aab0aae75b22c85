package io.twobrains.bench;

import io.twobrains.command.chat.SharedElasticPool;
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
 * {@code --url}), warms up, measures, prints a table and writes {@code bench-result.json} and a chart
 * of it, {@code bench-<scenario>.svg}.
 *
 * <p>Run: {@code java -jar bench/target/twobrains-bench.jar write --users 1000 --warmup 60s --duration 30s};
 * redraw saved results with {@code java -jar bench/target/twobrains-bench.jar chart bench-result.json --out docs/bench/}.
 */
public final class Bench {

    static final List<String> SCENARIOS = List.of("write", "read", "chat", "recovery", "scale-out",
            "processor-writes", "http-writes", "reads");

    private Bench() {
    }

    public static void main(String[] args) throws IOException {
        SharedElasticPool.size();
        if (args.length > 0 && args[0].equals("chart")) {
            ChartCommand.run(args);
            return;
        }
        Options options = Options.parse(args);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("scenario", options.scenario());
        result.put("startedAt", Instant.now().toString());
        result.put("cores", Runtime.getRuntime().availableProcessors());
        Map<String, Object> given = new LinkedHashMap<>(Map.of("users", options.users(), "rate", options.rate(),
                "durationSeconds", options.duration().toSeconds(), "warmup", options.autoWarmup() ? "auto" : options.warmup().toSeconds() + "s",
                "commitIntervalMs", options.commitInterval().toMillis(), "tokenDelayMs", options.tokenDelay().toMillis(),
                "target", options.url() == null ? "private local stack" : options.url().toString()));
        given.put("flags", options.flags());
        result.put("options", given);
        try (PacedOpenAi model = options.scenario().equals("chat") ? ChatLoad.model(options) : null;
                Target target = Target.of(options, model == null ? Map.of() : model.providerSettings())) {
            System.out.printf("%n%s: %d users, %s%n", options.scenario(), options.users(),
                    options.rate() > 0 ? "open loop at " + options.rate() + "/s" : "closed loop");
            Map<String, Object> figures = switch (options.scenario()) {
                case "write" -> WriteScenario.run(target, options);
                case "read" -> ReadScenario.run(target, options);
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
            Report.print(options.scenario(), figures);
        }
        Files.writeString(Path.of("bench-result.json"),
                ChatJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(result) + "\n");
        Path chart = ChartCommand.write(result, Path.of("."));
        System.out.printf("figures written to bench-result.json, chart to %s%n", chart);
        System.exit(0);
    }
}
