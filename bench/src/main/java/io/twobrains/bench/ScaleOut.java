package io.twobrains.bench;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.twobrains.contract.command.AppendMessage;
import io.twobrains.contract.command.StartConversation;
import io.twobrains.contract.message.Role;
import io.twobrains.contract.message.TextPart;
import io.twobrains.local.LocalStack;
import io.twobrains.local.LocalStackSettings;
import io.twobrains.processor.kafka.ChatStreams;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.streams.KafkaStreams;
import org.springframework.context.ConfigurableApplicationContext;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * One, two, then three processor instances on one broker. For each count: the processor path's
 * write throughput (commands straight to chat.commands, as in {@code write}); and while each new
 * instance joins, readers keep reading history through the door, whose interactive queries must
 * follow the partitions as they move: their answers, errors and 503 retries are counted.
 *
 * <p>On one machine the instances share its cores, so this shows what a rebalance costs the readers
 * and that throughput holds, not that it grows: growth needs instances on cores of their own.
 */
final class ScaleOut {

    private static final String TEXT = "x".repeat(400);

    private ScaleOut() {
    }

    static Map<String, Object> run(Target target, Options options) {
        LocalStack stack = target.localStack();
        int readers = options.intFlag("readers", 20);
        Map<String, Object> figures = new LinkedHashMap<>();
        List<ConfigurableApplicationContext> instances = new ArrayList<>();
        try (CommandRoundTrip commands = CommandRoundTrip.processor(target.kafka)) {
            List<String> tokens = seedReaders(target, commands, readers);
            for (int count = 1; count <= 3; count++) {
                Map<String, Object> step = new LinkedHashMap<>();
                if (count > 1) {
                    System.out.printf("  instance %d joins; %d readers keep reading%n", count, readers);
                    step.put("reads during the rebalance", readDuring(target, tokens, () -> {
                        instances.add(stack.addNode(LocalStackSettings.freePort()));
                        awaitRunning(stack, instances);
                    }));
                }
                System.out.printf("  writes with %d instance%s:%n", count, count == 1 ? "" : "s");
                step.put("writes", writes(target, commands, options));
                figures.put(count + " instance" + (count == 1 ? "" : "s"), step);
            }
        }
        return figures;
    }

    /** The processor path's appends in a closed loop, {@code --users} in flight (each count measured alike). */
    private static Map<String, Object> writes(Target target, CommandRoundTrip commands, Options options) {
        List<String> users = Users.ids("scale-writer-" + UUID.randomUUID().toString().substring(0, 8), options.users());
        Users.startConversations(commands, users);
        return ClosedLoop.measure(n -> commands.send(users.get((int) (n % users.size())), new AppendMessage("c1",
                WriteScenario.id(), Role.USER, List.of(new TextPart(TEXT)))), options.users(), target.meter(), options, Map.of());
    }

    /** Reader users, each with one conversation of 50 messages; returns their tokens. */
    private static List<String> seedReaders(Target target, CommandRoundTrip commands, int readers) {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> users = new ArrayList<>();
        for (int r = 0; r < readers; r++) {
            users.add("scale-" + run + "-" + r);
        }
        Flux.fromIterable(users)
                .flatMap(user -> commands.send(user, new StartConversation("c1", null))
                        .thenMany(Flux.range(0, 50).concatMap(i -> commands.send(user,
                                new AppendMessage("c1", "m" + i, Role.USER, List.of(new TextPart(TEXT)))))), 16)
                .blockLast(Duration.ofMinutes(5));
        return users.stream().map(target::token).toList();
    }

    /**
     * Every reader reads in a loop while {@code change} runs and for five seconds after; a 503 is
     * retried after its Retry-After (as a client would), anything else but a 200 is an error.
     */
    private static Map<String, Object> readDuring(Target target, List<String> tokens, Runnable change) {
        HttpClient http = HttpClient.create(ConnectionProvider.builder("scale-out").maxConnections(tokens.size() + 8)
                        .pendingAcquireMaxCount(-1).build())
                .baseUrl(target.door.toString()).responseTimeout(Duration.ofSeconds(30));
        Figures reads = new Figures();
        AtomicLong retries = new AtomicLong();
        AtomicBoolean done = new AtomicBoolean();
        reads.startMeasuring();
        long start = System.nanoTime();
        var load = Flux.fromIterable(tokens)
                .flatMap(token -> Mono.defer(() -> read(http, token, System.nanoTime(), reads, retries))
                        .repeat(() -> !done.get()), tokens.size())
                .subscribe();
        try {
            change.run();
            LocalStack.sleep(5_000);
        } finally {
            done.set(true);
        }
        LocalStack.sleep(1_000);
        load.dispose();
        Map<String, Object> summary = reads.summary((System.nanoTime() - start) / 1e9);
        summary.put("retriedAfter503", retries.get());
        summary.put("seconds", Figures.round((System.nanoTime() - start) / 1e9));
        return summary;
    }

    private static Mono<Void> read(HttpClient http, String token, long start, Figures reads, AtomicLong retries) {
        return http.headers(h -> h.set(HttpHeaderNames.AUTHORIZATION, "Bearer " + token))
                .get().uri("/api/conversations/c1/messages?limit=50")
                .responseSingle((response, body) -> body.then(Mono.just(new int[] {response.status().code(),
                        retryAfter(response.responseHeaders().get("Retry-After"))})))
                .flatMap(answer -> {
                    if (answer[0] == 503) {
                        retries.incrementAndGet();
                        return Mono.delay(Duration.ofSeconds(answer[1])).then(read(http, token, start, reads, retries));
                    }
                    if (answer[0] == 200) {
                        reads.record(start);
                    } else {
                        reads.error();
                    }
                    return Mono.empty();
                })
                .onErrorResume(e -> {
                    reads.error();
                    return Mono.empty();
                })
                .then();
    }

    private static int retryAfter(String header) {
        try {
            return header == null ? 1 : Math.max(0, Math.min(5, Integer.parseInt(header.trim())));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private static void awaitRunning(LocalStack stack, List<ConfigurableApplicationContext> added) {
        List<KafkaStreams> all = new ArrayList<>();
        all.add(stack.nodeStreams().streams());
        added.forEach(context -> all.add(context.getBean(ChatStreams.class).streams()));
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (!all.stream().allMatch(streams -> streams.state() == KafkaStreams.State.RUNNING)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the processors did not settle");
            }
            LocalStack.sleep(100);
        }
    }
}
