package io.twobrains.bench;

import io.twobrains.contract.command.AppendMessage;
import io.twobrains.contract.command.StartConversation;
import io.twobrains.contract.json.ChatJson;
import io.twobrains.contract.message.Role;
import io.twobrains.contract.message.TextPart;
import io.twobrains.testkit.CommandClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import reactor.core.publisher.Flux;
import reactor.netty.http.client.HttpClient;

/**
 * The read scenario: the 50 newest messages of one conversation, through the door, at each
 * history size ({@code --sizes}, default 100,10000,100000), next to the shared design's query at the
 * same sizes; then how flat p99 stays as the history grows.
 *
 * <p>Our histories are seeded through the real write path (commands to chat.commands, each decided
 * and committed by the processor), with many commands in flight for the one user
 * ({@code --seed-in-flight}, default 1000); the shared table is seeded with COPY. Both times are printed.
 */
final class ReadScenario {

    private ReadScenario() {
    }

    static Map<String, Object> run(Target target, Options options) {
        List<Integer> sizes = Arrays.stream(options.flag("sizes", "100,10000,100000").split(","))
                .map(s -> Integer.parseInt(s.trim().replace("_", ""))).sorted().toList();
        int connections = options.intFlag("db-pool", Math.min(options.users(), WriteScenario.DEFAULT_POOL));
        String run = UUID.randomUUID().toString().substring(0, 8);
        String content = "[{\"type\":\"text\",\"text\":\"" + Scenarios.TEXT + "\"}]";
        HttpClient http = Scenarios.client(target, options.users());
        Map<String, Object> ours = new LinkedHashMap<>();
        Map<String, Object> theirs = new LinkedHashMap<>();
        Map<String, Object> seeding = new LinkedHashMap<>();
        try (CommandClient commands = new CommandClient(target.kafka);
                SharedDatabase db = SharedDatabase.open(target.jdbc(), options.flag("jdbc-user", "postgres"),
                        options.flag("jdbc-password", "postgres"), connections, true)) {
            db.truncate();
            for (int size : sizes) {
                String label = size + " messages";
                String user = "bench-read-" + run + "-" + size;
                double oursSeconds = seedThroughProcessor(commands, user, size, options.intFlag("seed-in-flight", 1000));
                long start = System.nanoTime();
                db.seed(user, "c1", size, content);
                double theirsSeconds = (System.nanoTime() - start) / 1e9;
                System.out.printf("%n  %,d messages seeded: %.1f s through the processor (%,.0f/s), %.1f s by COPY%n",
                        size, oursSeconds, size / oursSeconds, theirsSeconds);
                seeding.put(label, Map.of("processorSeconds", Figures.round(oursSeconds),
                        "sharedDatabaseCopySeconds", Figures.round(theirsSeconds)));

                String token = target.token(user);
                String page = "/api/conversations/c1/messages?limit=50";
                checkPage(http, token, page, Math.min(size, 50));
                List<Driver.Call> reads = new ArrayList<>();
                List<Driver.Call> queries = new ArrayList<>();
                for (int r = 0; r < options.users(); r++) {
                    reads.add(() -> Scenarios.get(http, token, page).map(code -> Driver.expect(200, code)));
                    queries.add(() -> db.newestPage(user, "c1", Math.min(size, 50)));
                }
                System.out.printf("  %s, through the door:%n", label);
                ours.put(label, Driver.run(reads, options));
                System.out.printf("  %s, shared database (%d connections):%n", label, connections);
                theirs.put(label, Driver.run(queries, options));
            }
        }
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("sizes", sizes);
        figures.put(Verdicts.TWOBRAINS_READS, ours);
        figures.put(Verdicts.SHARED_READS, theirs);
        figures.put("seeding", seeding);
        figures.put("poolConnections", connections);
        figures.putAll(Verdicts.read(figures));
        return figures;
    }

    /** Appends {@code size} messages to a new conversation of {@code user}, {@code inFlight} at a time; returns seconds. */
    private static double seedThroughProcessor(CommandClient commands, String user, int size, int inFlight) {
        long start = System.nanoTime();
        commands.send(user, new StartConversation("c1", null)).block(Duration.ofSeconds(60));
        long accepted = Flux.range(0, size)
                .flatMap(i -> commands.send(user, new AppendMessage("c1", "m" + i, Role.USER,
                        List.of(new TextPart(Scenarios.TEXT)))), inFlight)
                .filter(reply -> reply.isAccepted())
                .count().block(Duration.ofMinutes(30));
        if (accepted != size) {
            throw new IllegalStateException("only " + accepted + " of " + size + " seeded messages were accepted");
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /** One read before measuring, so a page that comes back short cannot pass as fast. */
    private static void checkPage(HttpClient http, String token, String path, int expected) {
        String body = http.headers(h -> h.set("Authorization", "Bearer " + token)).get().uri(path)
                .responseSingle((response, content) -> content.asString()).block(Duration.ofSeconds(60));
        int items = ChatJson.MAPPER.readTree(body).get("items").size();
        if (items != expected) {
            throw new IllegalStateException("a page of " + items + " messages, expected " + expected);
        }
    }
}
