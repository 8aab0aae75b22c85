package io.twobrains.bench;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * Streamed completions against a loopback model ({@link PacedOpenAi}, in a JVM of its own) that
 * streams {@code --tokens} words at {@code --tokens-per-second}:
 * <ol>
 * <li>the same turns straight to the model and through twobrains, {@code --users} at a time, each
 * turn in a fresh conversation, so both sides send the model the same history (the one user
 * message): the difference in time to first token is what twobrains adds before a model's first
 * token (reading the context, the atomic start on the user's partition, the model call set-up), and
 * the difference in whole-turn time adds the save of the reply;</li>
 * <li>open streams ({@link OpenStreams}), when {@code --streams} is given.</li>
 * </ol>
 */
final class ChatLoad {

    static final String MODEL = "gpt-4o-mini";
    private static final String QUESTION = "How far is the moon?";

    private ChatLoad() {
    }

    /** The model for a run, started before the stack so the stack's openai provider can point at it. */
    static ModelProcess model(Options options) {
        return ModelProcess.start(options.intFlag("tokens", 20), options.intFlag("tokens-per-second", 50));
    }

    static Map<String, Object> run(Target target, Options options, ModelProcess model) {
        Map<String, Object> figures = new LinkedHashMap<>();
        System.out.println("  straight to the model:");
        HttpClient straight = client(model.baseUrl().toString(), options.users());
        Map<String, Object> direct = turns(options, new SystemMeter(List.of(model.part())),
                firstToken -> n -> streamTo(straight, firstToken));
        figures.put("model alone", direct);
        System.out.println("  through twobrains:");
        HttpClient door = client(target.door.toString(), options.users());
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> tokens = Users.tokens(target, Users.ids("chat-" + run, options.users()));
        // Request numbers start again with each loop (warm-up steps, measurement): conversations are counted apart.
        AtomicLong conversations = new AtomicLong();
        Map<String, Object> through = turns(options, target.meter(), firstToken -> n -> chatThrough(door,
                tokens.get((int) (n % tokens.size())), "t" + conversations.incrementAndGet(), firstToken));
        figures.put("through twobrains", through);
        figures.put("added by twobrains", added(direct, through));
        int streams = options.intFlag("streams", 0);
        if (streams > 0) {
            figures.put("open streams", OpenStreams.run(target, options, streams));
        }
        figures.putAll(Verdicts.chat(figures));
        return figures;
    }

    /** The turns of a request that records its first token in the figures it is given. */
    private interface Turns {
        Request recording(Figures firstToken);
    }

    private static Map<String, Object> turns(Options options, SystemMeter meter, Turns turns) {
        Figures firstToken = new Figures();
        return ClosedLoop.measure(turns.recording(firstToken), options.users(), meter, options,
                Map.of("first token", firstToken));
    }

    private static Mono<Boolean> streamTo(HttpClient model, Figures firstToken) {
        String body = "{\"model\":\"" + MODEL + "\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\""
                + QUESTION + "\"}]}";
        return Mono.defer(() -> stream(model, null, "/chat/completions", body, "\"content\":\"word", "[DONE]",
                firstToken, System.nanoTime()));
    }

    /** A turn in conversation {@code conversation}, new for every turn: its context is its one message. */
    private static Mono<Boolean> chatThrough(HttpClient door, String token, String conversation, Figures firstToken) {
        return Mono.defer(() -> stream(door, token, "/api/chat", chatBody(conversation, "m1", QUESTION), "text-delta",
                "\"type\":\"finish\"", firstToken, System.nanoTime()));
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

    static HttpClient client(String base, int connections) {
        ConnectionProvider pool = ConnectionProvider.builder("chat-load").maxConnections(connections + 16)
                .pendingAcquireMaxCount(-1).build();
        return HttpClient.create(pool).baseUrl(base).responseTimeout(Duration.ofSeconds(120));
    }
}
