package io.twobrains.bench;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * Streamed completions against a loopback model ({@link PacedOpenAi}) that streams
 * {@code --tokens-per-second} words:
 * <ol>
 * <li>the same turns straight to the model and through twobrains, {@code --users} at a time: the
 * difference in time to first token is what twobrains adds before a model's first token (reading
 * the context, the atomic start on the user's partition, the model call set-up), and the difference
 * in whole-turn time adds the save of the reply;</li>
 * <li>open streams: {@code --streams} long replies opened at {@code --ramp} per second, one user
 * each; the most held open at once with no error, and the errors.</li>
 * </ol>
 */
final class ChatLoad {

    static final String MODEL = "gpt-4o-mini";
    private static final String OK = "ok";

    private ChatLoad() {
    }

    /** The model for a run, started before the stack so the stack's openai provider can point at it. */
    static PacedOpenAi model(Options options) {
        return PacedOpenAi.start(options.intFlag("tokens", 20), options.intFlag("tokens-per-second", 50),
                Duration.ZERO);
    }

    static Map<String, Object> run(Target target, Options options, PacedOpenAi model) {
        Map<String, Object> figures = new LinkedHashMap<>();
        System.out.println("  straight to the model:");
        HttpClient straight = HttpClient.create(pool(options.users())).baseUrl(model.baseUrl().toString());
        Map<String, Object> direct = turns(options, options.users(), user -> streamTo(straight));
        figures.put("model alone", direct);
        HttpClient door = HttpClient.create(pool(options.users())).baseUrl(target.door.toString())
                .responseTimeout(Duration.ofSeconds(120));
        String run = UUID.randomUUID().toString().substring(0, 8);
        System.out.println("  through twobrains:");
        Map<String, Object> through = turns(options, options.users(),
                user -> chatThrough(door, target.token("chat-" + run + "-" + user), "How far is the moon?"));
        figures.put("through twobrains", through);
        figures.put("added by twobrains", added(direct, through));
        int streams = options.intFlag("streams", 0);
        if (streams > 0) {
            figures.put("open streams", openStreams(target, options, streams));
        }
        return figures;
    }

    /** A call per user: one streamed turn, recording its first token in {@code firstToken}. */
    private interface Turn {
        Mono<Boolean> run(Figures firstToken, long start);
    }

    private static Map<String, Object> turns(Options options, int users, IntFunction<Turn> turnOf) {
        Figures firstToken = new Figures();
        List<Driver.Call> calls = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            Turn turn = turnOf.apply(u);
            calls.add(() -> Mono.defer(() -> turn.run(firstToken, System.nanoTime())));
        }
        return Driver.run(calls, options, Map.of("first token", firstToken));
    }

    private static Turn streamTo(HttpClient model) {
        String body = "{\"model\":\"" + MODEL + "\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"How far is the moon?\"}]}";
        return (firstToken, start) -> stream(model, null, "/chat/completions", body, "\"content\":\"word",
                "[DONE]", firstToken, start);
    }

    private static Turn chatThrough(HttpClient door, String token, String text) {
        AtomicLong turns = new AtomicLong();
        return (firstToken, start) -> stream(door, token, "/api/chat", chatBody("c1",
                "m" + turns.incrementAndGet(), text), "text-delta", "\"type\":\"finish\"", firstToken, start);
    }

    static String chatBody(String conversation, String messageId, String text) {
        return "{\"id\":\"" + conversation + "\",\"model\":\"" + MODEL + "\",\"messages\":[{\"id\":\"" + messageId
                + "\",\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"text\":\"" + text + "\"}]}]}";
    }

    /** One streamed answer: true when it ended as it should; the first token is recorded when seen. */
    private static Mono<Boolean> stream(HttpClient http, String token, String path, String body, String tokenMark,
            String endMark, Figures firstToken, long start) {
        AtomicBoolean first = new AtomicBoolean();
        return http.headers(h -> {
                    h.set(HttpHeaderNames.CONTENT_TYPE, "application/json");
                    if (token != null) {
                        h.set(HttpHeaderNames.AUTHORIZATION, "Bearer " + token);
                    }
                })
                .post().uri(path)
                .send(ByteBufFlux.fromString(Mono.just(body), StandardCharsets.UTF_8, ByteBufAllocator.DEFAULT))
                .response((response, content) -> response.status().code() != 200
                        ? content.then(Mono.just(false))
                        : content.asString()
                                .doOnNext(text -> {
                                    if (text.contains(tokenMark) && first.compareAndSet(false, true)) {
                                        firstToken.record(start);
                                    }
                                })
                                .reduce(new StringBuilder(), StringBuilder::append)
                                .map(all -> all.indexOf(endMark) >= 0))
                .next();
    }

    /** p50 and p99 of twobrains minus the model alone, for the first token and the whole turn. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> added(Map<String, Object> direct, Map<String, Object> through) {
        Map<String, Object> added = new LinkedHashMap<>();
        for (String figure : List.of("first token", "whole call")) {
            Map<String, Object> alone = (Map<String, Object>) direct.get(figure);
            Map<String, Object> via = (Map<String, Object>) through.get(figure);
            Map<String, Object> difference = new LinkedHashMap<>();
            for (String percentile : List.of("p50Ms", "p99Ms")) {
                difference.put(percentile, Figures.round((double) via.get(percentile) - (double) alone.get(percentile)));
            }
            added.put(figure, difference);
        }
        return added;
    }

    /**
     * Opens {@code count} long streams at the ramp rate, each lasting past the end of the ramp, and
     * counts how many are open at once (first token seen, end not yet) and how many fail.
     */
    private static Map<String, Object> openStreams(Target target, Options options, int count) {
        int ramp = options.intFlag("ramp", 200);
        int tokensPerSecond = options.intFlag("tokens-per-second", 50);
        long holdSeconds = count / ramp + 15;
        long tokens = holdSeconds * tokensPerSecond;
        HttpClient door = HttpClient.create(pool(count)).baseUrl(target.door.toString())
                .responseTimeout(Duration.ofSeconds(holdSeconds + 120));
        String run = UUID.randomUUID().toString().substring(0, 8);
        System.out.printf("  opening %,d streams at %d/s, each %d s long%n", count, ramp, holdSeconds);
        List<String> tokensOfUsers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            tokensOfUsers.add(target.token("streams-" + run + "-" + i));
        }
        AtomicLong open = new AtomicLong();
        AtomicLong peak = new AtomicLong();
        AtomicLong peakBeforeFirstError = new AtomicLong(-1);
        AtomicLong errors = new AtomicLong();
        AtomicLong completed = new AtomicLong();
        Figures firstToken = new Figures();
        Figures failures = new Figures();
        firstToken.startMeasuring();
        failures.startMeasuring();
        long start = System.nanoTime();
        Flux.interval(Duration.ofNanos(1_000_000_000L / ramp)).take(count)
                .flatMap(i -> {
                    AtomicBoolean counted = new AtomicBoolean();
                    long begin = System.nanoTime();
                    return door.headers(h -> h.set(HttpHeaderNames.CONTENT_TYPE, "application/json")
                                    .set(HttpHeaderNames.AUTHORIZATION, "Bearer " + tokensOfUsers.get(i.intValue())))
                            .post().uri("/api/chat")
                            .send(ByteBufFlux.fromString(Mono.just(chatBody("c1", "m1", "tokens:" + tokens)),
                                    StandardCharsets.UTF_8, ByteBufAllocator.DEFAULT))
                            .response((response, content) -> response.status().code() != 200
                                    ? content.then(Mono.just("status " + response.status().code()))
                                    : content.asString()
                                            .doOnNext(text -> {
                                                if (text.contains("text-delta") && counted.compareAndSet(false, true)) {
                                                    firstToken.record(begin);
                                                    peak.accumulateAndGet(open.incrementAndGet(), Math::max);
                                                }
                                            })
                                            .reduce(false, (ended, text) -> ended || text.contains("\"type\":\"finish\""))
                                            .map(ended -> ended ? OK : "ended without finish"))
                            .next()
                            .onErrorResume(e -> Mono.just(e.getClass().getSimpleName()))
                            .doOnNext(outcome -> {
                                if (counted.get()) {
                                    open.decrementAndGet();
                                }
                                if (outcome.equals(OK)) {
                                    completed.incrementAndGet();
                                } else {
                                    failures.error(outcome);
                                    if (errors.incrementAndGet() == 1) {
                                        peakBeforeFirstError.set(peak.get());
                                    }
                                }
                            });
                }, count)
                .blockLast(Duration.ofSeconds(holdSeconds * 3 + 300));
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("asked", count);
        figures.put("rampPerSecond", ramp);
        figures.put("peakOpen", peak.get());
        figures.put("heldWithNoError", peakBeforeFirstError.get() < 0 ? peak.get() : peakBeforeFirstError.get());
        figures.put("completed", completed.get());
        figures.put("errors", errors.get());
        figures.put("errorKinds", failures.summary(1, 0).getOrDefault("errorKinds", Map.of()));
        figures.put("first token", firstToken.summary((System.nanoTime() - start) / 1e9, 0));
        return figures;
    }

    private static ConnectionProvider pool(int connections) {
        return ConnectionProvider.builder("chat-load").maxConnections(connections + 16).pendingAcquireMaxCount(-1).build();
    }
}
