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
import java.util.UUID;

/**
 * Benchmarks that print figures. Each run starts its own local stack in a JVM of its own (or targets
 * a running one with {@code --url}), and this JVM only generates load and records: for every path,
 * the highest rate held with no errors and p99 at most 50 ms, then p50/p99 and the system's CPU per
 * request at 70% of it, beside the baselines; a table, {@code bench-result.json} and a chart of it,
 * {@code bench-<scenario>.svg}.
 *
 * <p>Run: {@code java -jar bench/target/twobrains-bench.jar write [--quick]}; redraw saved results with
 * {@code java -jar bench/target/twobrains-bench.jar chart bench-result.json --out docs/bench/}.
 */
public final class Bench {

    static final List<String> SCENARIOS = List.of("write", "read", "chat", "recovery", "scale-out",
            "processor-writes", "http-writes");

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
        result.put("options", given(options));
        String run = UUID.randomUUID().toString().substring(0, 8);
        try (ModelProcess model = options.scenario().equals("chat") ? ChatLoad.model(options) : null;
                Target target = Target.of(options, model == null ? Map.of() : model.providerSettings())) {
            System.out.printf("%n%s%s: %s%n", options.scenario(), options.quick() ? " (quick)" : "",
                    closedLoop(options) ? "closed loop, " + options.users() + " in flight"
                            : "open loop, " + options.users() + " users");
            Map<String, Object> figures = switch (options.scenario()) {
                case "write" -> WriteScenario.run(target, options);
                case "read" -> ReadScenario.run(target, options);
                case "processor-writes" -> Map.of(Verdicts.PROCESSOR, WriteScenario.processorPath(target, options, run));
                case "http-writes" -> Map.of(Verdicts.HTTP, WriteScenario.httpPath(target, options,
                        Users.tokens(target, Users.ids("bench-http-" + run, options.users()))));
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

    /** Chat turns and scale-out's writes run in a closed loop whatever {@code --loop} says; recovery has no loop. */
    private static boolean closedLoop(Options options) {
        return options.closedLoop() || List.of("chat", "scale-out").contains(options.scenario());
    }

    private static Map<String, Object> given(Options options) {
        Map<String, Object> given = new LinkedHashMap<>();
        given.put("quick", options.quick());
        given.put("loop", closedLoop(options) ? "closed" : "open");
        given.put("users", options.users());
        given.put("rate", options.rate());
        given.put("durationSeconds", options.duration().toSeconds());
        given.put("stepSeconds", options.step().toSeconds());
        given.put("bisections", options.bisections());
        given.put("warmup", options.autoWarmup() ? "auto" : options.warmup().toSeconds() + "s");
        given.put("commitIntervalMs", options.commitInterval().toMillis());
        given.put("tokenDelayMs", options.tokenDelay().toMillis());
        given.put("target", options.url() != null ? options.url().toString()
                : Target.IN_PROCESS.contains(options.scenario()) ? "private local stack in the bench's JVM"
                : "private local stack in its own JVM");
        given.put("flags", options.flags());
        return given;
    }
}
