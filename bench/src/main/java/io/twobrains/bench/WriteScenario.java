package io.twobrains.bench;

import io.twobrains.contract.command.AppendMessage;
import io.twobrains.contract.command.CommandEnvelope;
import io.twobrains.contract.json.CommandCodec;
import io.twobrains.contract.message.Role;
import io.twobrains.contract.message.TextPart;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The write scenario: the same users append ~500-byte messages along two paths and two
 * baselines, one after the other in one run, each with its own warm-up: the processor path against
 * the raw Kafka limit, and the HTTP path against the shared-database design with synchronous_commit
 * on and off. Then the ratios, and whether each target was met.
 *
 * <p>The processor path is done when a command's reply is read back committed from chat.replies; the
 * processor writes it in the same transaction as the command's events, so it becomes visible at the
 * same moment they do.
 */
final class WriteScenario {

    /** The shared design's pool: as many connections as users, up to this (the HTTP path's services have similar pools). */
    static final int DEFAULT_POOL = 16;

    private WriteScenario() {
    }

    static Map<String, Object> run(Target target, Options options) {
        target.jdbc(); // a missing --jdbc fails now, not after three measurements
        Map<String, Object> figures = new LinkedHashMap<>();
        measure(figures, Verdicts.PROCESSOR, () -> Scenarios.processorWrites(target, options));
        measure(figures, Verdicts.LIMIT, () -> rawKafkaLimit(target, options));
        measure(figures, Verdicts.HTTP, () -> Scenarios.httpWrites(target, options));
        measure(figures, Verdicts.SHARED_ON, () -> sharedDatabase(target, options, true));
        measure(figures, Verdicts.SHARED_OFF, () -> sharedDatabase(target, options, false));
        figures.putAll(Verdicts.write(figures));
        return figures;
    }

    private static void measure(Map<String, Object> figures, String name, Supplier<Map<String, Object>> run) {
        System.out.printf("%n  %s%n", name);
        Map<String, Object> summary = run.get();
        figures.put(name, summary);
        System.out.printf("  %s: %s/s, p50 %s ms, p99 %s ms, errors %s%n", name, summary.get("throughputPerSecond"),
                summary.get("p50Ms"), summary.get("p99Ms"), summary.get("errors"));
    }

    /** The same command records the processor path sends, keyed by user, through a bare transactional producer. */
    static Map<String, Object> rawKafkaLimit(Target target, Options options) {
        try (RawKafkaLimit limit = new RawKafkaLimit(target.kafka, options.commitInterval())) {
            String run = UUID.randomUUID().toString().substring(0, 8);
            List<Driver.Call> calls = new ArrayList<>();
            for (int u = 0; u < options.users(); u++) {
                String user = "bench-limit-" + run + "-" + u;
                calls.add(() -> limit.send(user, CommandCodec.toBytes(new CommandEnvelope(UUID.randomUUID(), user,
                        Instant.now(), new AppendMessage("c1", Scenarios.id(), Role.USER,
                                List.of(new TextPart(Scenarios.TEXT))), null))));
            }
            return Driver.run(calls, options);
        }
    }

    /** One INSERT per append into the shared messages table, through a pool, from an empty table. */
    static Map<String, Object> sharedDatabase(Target target, Options options, boolean synchronousCommit) {
        int connections = options.intFlag("db-pool", Math.min(options.users(), DEFAULT_POOL));
        try (SharedDatabase db = SharedDatabase.open(target.jdbc(), options.flag("jdbc-user", "postgres"),
                options.flag("jdbc-password", "postgres"), connections, synchronousCommit)) {
            db.truncate();
            String run = UUID.randomUUID().toString().substring(0, 8);
            String content = "[{\"type\":\"text\",\"text\":\"" + Scenarios.TEXT + "\"}]";
            List<Driver.Call> calls = new ArrayList<>();
            for (int u = 0; u < options.users(); u++) {
                String user = "bench-shared-" + run + "-" + u;
                calls.add(() -> db.append(user, "c1", content));
            }
            Map<String, Object> summary = new LinkedHashMap<>(Driver.run(calls, options));
            summary.put("poolConnections", connections);
            return summary;
        }
    }
}
