package io.twobrains.bench;

import io.twobrains.contract.json.ChatJson;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import reactor.core.publisher.Flux;
import reactor.netty.http.client.HttpClient;

/**
 * The read scenario: the 50 newest messages of one conversation at each history size
 * ({@code --sizes}, default 100,10000,100000; 100,10000 with {@code --quick}), through the door and
 * through the shared-database service behind the same front (and, as a second line, the bare query
 * from the generator), each measured by {@link PathMeasurement}; then how flat p99 stays as the
 * history grows.
 *
 * <p>Our histories are seeded through the door, as a client writes them (each message sealed with the
 * user's content key, decided and committed by the processor), with many appends in flight for the one
 * user ({@code --seed-in-flight}, default 64), so a page is read and opened as a user's would be; the
 * shared table is seeded with COPY for the same user.
 */
final class ReadScenario {

    private static final String PAGE = "/api/conversations/c1/messages?limit=50";

    private ReadScenario() {
    }

    static Map<String, Object> run(Target target, Options options) {
        List<Integer> sizes = Arrays.stream(options.flag("sizes", options.quick() ? "100,10000" : "100,10000,100000")
                .split(",")).map(s -> Integer.parseInt(s.trim().replace("_", ""))).sorted().toList();
        String run = UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> ours = new LinkedHashMap<>();
        Map<String, Object> service = new LinkedHashMap<>();
        Map<String, Object> bare = new LinkedHashMap<>();
        Map<String, Object> seeding = new LinkedHashMap<>();
        try (SharedDatabaseServiceProcess front = SharedDatabaseServiceProcess.start(target, options);
                SharedDatabase table = WriteScenario.bare(target, options, true)) {
            table.truncate();
            HttpClient door = HttpCalls.client(target.door, HttpCalls.CONNECTIONS);
            HttpClient shared = HttpCalls.client(front.url(), HttpCalls.CONNECTIONS);
            SystemMeter serviceMeter = new SystemMeter(WriteScenario.with(front.part(), target.postgres()));
            for (int size : sizes) {
                String label = size + " messages";
                String user = "bench-read-" + run + "-" + size;
                String token = target.token(user);
                double oursSeconds = seedThroughDoor(door, token, size, options.intFlag("seed-in-flight", 64));
                long start = System.nanoTime();
                table.seed(user, "c1", size, WriteScenario.CONTENT);
                double theirsSeconds = (System.nanoTime() - start) / 1e9;
                System.out.printf("%n  %,d messages seeded: %.1f s through the door (%,.0f/s), %.1f s by COPY%n",
                        size, oursSeconds, size / oursSeconds, theirsSeconds);
                seeding.put(label, Map.of("doorSeconds", Figures.round(oursSeconds),
                        "sharedDatabaseCopySeconds", Figures.round(theirsSeconds)));

                int expected = Math.min(size, 50);
                checkPage(door, token, expected);
                checkPage(shared, token, expected);
                System.out.printf("  %s, through the door:%n", label);
                ours.put(label, PathMeasurement.run(pages(door, token), target.meter(), options));
                System.out.printf("  %s, shared-database service:%n", label);
                service.put(label, PathMeasurement.run(pages(shared, token), serviceMeter, options));
                if (options.bareLines()) {
                    System.out.printf("  %s, bare JDBC:%n", label);
                    bare.put(label, PathMeasurement.run(n -> table.newestPage(user, "c1", expected),
                            new SystemMeter(target.postgres()), options));
                }
            }
        }
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("sizes", sizes);
        figures.put(Verdicts.TWOBRAINS_READS, ours);
        figures.put(Verdicts.SERVICE_READS, service);
        if (!bare.isEmpty()) {
            figures.put(Verdicts.BARE_READS, bare);
        }
        figures.put("seeding", seeding);
        figures.putAll(Verdicts.read(figures));
        return figures;
    }

    private static Request pages(HttpClient http, String token) {
        return n -> HttpCalls.get(http, token, PAGE).map(status -> Answers.expect(200, status));
    }

    /** Appends {@code size} messages to a new conversation c1 of the token's user, {@code inFlight} at a time; returns seconds. */
    private static double seedThroughDoor(HttpClient door, String token, int size, int inFlight) {
        long start = System.nanoTime();
        Users.createConversations(door, List.of(token));
        Duration patience = Duration.ofMinutes(30);
        long accepted = Flux.range(0, size)
                .flatMap(i -> HttpCalls.post(door, token, WriteScenario.MESSAGES, WriteScenario.APPEND), inFlight)
                .filter(status -> status == 201)
                .count().block(patience);
        if (accepted != size) {
            throw new IllegalStateException("only " + accepted + " of " + size + " seeded messages were accepted");
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /** One read before measuring, so a page that comes back short cannot pass as fast. */
    private static void checkPage(HttpClient http, String token, int expected) {
        String body = HttpCalls.body(http, token, PAGE);
        int items = ChatJson.MAPPER.readTree(body).get("items").size();
        if (items != expected) {
            throw new IllegalStateException("a page of " + items + " messages, expected " + expected + ": " + body);
        }
    }
}
