package io.twobrains.bench;

import io.twobrains.contract.command.AppendMessage;
import io.twobrains.contract.message.Role;
import io.twobrains.contract.message.TextPart;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import reactor.netty.http.client.HttpClient;

/**
 * The write scenario: ~500-byte appends of {@code --users} users along each path and baseline,
 * one after the other in one run, each measured by {@link PathMeasurement} (the highest rate held,
 * then p50/p99 and CPU per append at 70% of it):
 * <ol>
 * <li>the processor path (commands to chat.commands, done when the event is read back committed from
 * chat.events) against its limit, the transactional relay ({@link TransactionalRelay});</li>
 * <li>the HTTP path through the door against the shared-database service behind the same front, with
 * synchronous_commit on and off; then, as a second line, the same INSERT over bare JDBC from the
 * generator (the database's own cost, no front).</li>
 * </ol>
 * Each path's system CPU counts the processes that serve it: the stack's JVM and PostgreSQL for
 * twobrains; the relay's JVM and the stack's JVM (the broker is in it) for the relay; the service and
 * PostgreSQL for the service; PostgreSQL alone for bare JDBC.
 */
final class WriteScenario {

    /** About 500 bytes on the wire, as in the write scenario. */
    static final String TEXT = "x".repeat(400);
    static final String APPEND = "{\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"text\":\"" + TEXT + "\"}]}";
    static final String CONTENT = "[{\"type\":\"text\",\"text\":\"" + TEXT + "\"}]";
    static final String MESSAGES = "/api/conversations/c1/messages";

    private WriteScenario() {
    }

    static Map<String, Object> run(Target target, Options options) {
        target.jdbc(); // a missing --jdbc fails now, not after three measurements
        String run = UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> figures = new LinkedHashMap<>();
        measure(figures, Verdicts.PROCESSOR, () -> processorPath(target, options, run));
        measure(figures, Verdicts.RELAY, () -> relay(target, options, run));
        List<String> tokens = Users.tokens(target, Users.ids("bench-http-" + run, options.users()));
        measure(figures, Verdicts.HTTP, () -> httpPath(target, options, tokens));
        try (SharedDatabaseServiceProcess service = SharedDatabaseServiceProcess.start(target, options);
                SharedDatabase table = bare(target, options, true)) {
            HttpClient front = HttpCalls.client(service.url(), HttpCalls.CONNECTIONS);
            SystemMeter meter = new SystemMeter(with(service.part(), target.postgres()));
            for (boolean synchronousCommit : List.of(true, false)) {
                table.truncate();
                measure(figures, synchronousCommit ? Verdicts.SERVICE_ON : Verdicts.SERVICE_OFF,
                        () -> PathMeasurement.run(appends(front, tokens, synchronousCommit ? Map.of()
                                : Map.of(SharedDatabaseServiceProcess.SYNCHRONOUS_COMMIT, "off")), meter, options));
            }
        }
        if (options.bareLines()) {
            for (boolean synchronousCommit : List.of(true, false)) {
                measure(figures, synchronousCommit ? Verdicts.BARE_ON : Verdicts.BARE_OFF,
                        () -> bareJdbc(target, options, run, synchronousCommit));
            }
        }
        figures.putAll(Verdicts.write(figures));
        return figures;
    }

    private static void measure(Map<String, Object> figures, String name, Supplier<Map<String, Object>> run) {
        System.out.printf("%n  %s%n", name);
        Map<String, Object> summary = run.get();
        figures.put(name, summary);
        System.out.printf("  %s: highest rate held %s/s; %s%n", name, summary.getOrDefault("maxRatePerSecond", "-"),
                PathMeasurement.line(summary));
    }

    /** Appends as commands straight to chat.commands, each done when its event is committed on chat.events. */
    static Map<String, Object> processorPath(Target target, Options options, String run) {
        try (CommandRoundTrip commands = CommandRoundTrip.processor(target.kafka)) {
            List<String> users = Users.ids("bench-processor-" + run, options.users());
            Users.startConversations(commands, users);
            return PathMeasurement.run(n -> commands.send(users.get((int) (n % users.size())), append()),
                    target.meter(), options);
        }
    }

    /** Appends through the door with real JWTs, each user to its conversation c1: the whole write path a client sees. */
    static Map<String, Object> httpPath(Target target, Options options, List<String> tokens) {
        HttpClient door = HttpCalls.client(target.door, HttpCalls.CONNECTIONS);
        Users.createConversations(door, tokens);
        return PathMeasurement.run(appends(door, tokens, Map.of()), target.meter(), options);
    }

    /** The same command records through the relay, in its own JVM; the broker's JVM counts too. */
    private static Map<String, Object> relay(Target target, Options options, String run) {
        TransactionalRelay.RelayTopics topics = TransactionalRelay.RelayTopics.of(run);
        try (JavaChild relay = TransactionalRelay.start(target.kafka, run, options.commitInterval());
                CommandRoundTrip commands = new CommandRoundTrip(target.kafka, topics.commands(), topics.events())) {
            List<String> users = Users.ids("bench-relay-" + run, options.users());
            SystemMeter meter = new SystemMeter(with(new SystemMeter.Part(TransactionalRelay.NAME, relay.pid()),
                    target.brokerJvm()));
            return PathMeasurement.run(n -> commands.send(users.get((int) (n % users.size())), append()), meter, options);
        }
    }

    private static AppendMessage append() {
        return new AppendMessage("c1", id(), Role.USER, List.of(new TextPart(TEXT)));
    }

    /** {@code POST /api/conversations/c1/messages} of user {@code n % users}, expecting 201. */
    static Request appends(HttpClient http, List<String> tokens, Map<String, String> headers) {
        return n -> HttpCalls.post(http, tokens.get((int) (n % tokens.size())), MESSAGES, APPEND, headers)
                .map(status -> Answers.expect(201, status));
    }

    /** One INSERT per append from the generator's own pool: PostgreSQL's cost alone. */
    private static Map<String, Object> bareJdbc(Target target, Options options, String run, boolean synchronousCommit) {
        try (SharedDatabase db = bare(target, options, synchronousCommit)) {
            db.truncate();
            List<String> users = Users.ids("bench-bare-" + run, options.users());
            return PathMeasurement.run(n -> db.append(users.get((int) (n % users.size())), "c1", CONTENT),
                    new SystemMeter(target.postgres()), options);
        }
    }

    static SharedDatabase bare(Target target, Options options, boolean synchronousCommit) {
        return SharedDatabase.open(target.jdbc(), options.flag("jdbc-user", "postgres"),
                options.flag("jdbc-password", "postgres"), options.intFlag("db-pool", 16), synchronousCommit);
    }

    static List<SystemMeter.Part> with(SystemMeter.Part first, List<SystemMeter.Part> more) {
        List<SystemMeter.Part> all = new ArrayList<>(List.of(first));
        all.addAll(more);
        return all;
    }

    static String id() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 24);
    }
}
