package io.twobrains.bench;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.twobrains.contract.command.AppendMessage;
import io.twobrains.contract.command.StartConversation;
import io.twobrains.contract.message.Role;
import io.twobrains.contract.message.TextPart;
import io.twobrains.testkit.CommandClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/** The scenarios: each sets up its users, drives calls, and returns its figures. */
final class Scenarios {

    /** About 500 bytes on the wire, as in the write scenario. */
    static final String TEXT = "x".repeat(400);

    private Scenarios() {
    }

    /** Commands produced straight to chat.commands, replies awaited: the per-user brain without HTTP. */
    static Map<String, Object> processorWrites(Target target, Options options) {
        try (CommandClient commands = new CommandClient(target.kafka)) {
            String run = UUID.randomUUID().toString().substring(0, 8);
            List<Driver.Call> calls = new ArrayList<>();
            Flux.range(0, options.users())
                    .flatMap(u -> commands.send("bench-" + run + "-" + u, new StartConversation("c1", null)), 64)
                    .blockLast(Duration.ofMinutes(5));
            for (int u = 0; u < options.users(); u++) {
                String user = "bench-" + run + "-" + u;
                calls.add(() -> commands.send(user, new AppendMessage("c1", id(), Role.USER, List.of(new TextPart(TEXT))))
                        .map(reply -> reply.isAccepted()));
            }
            return Driver.run(calls, options);
        }
    }

    /** Appends through the door with real JWTs: the whole write path a client sees. */
    static Map<String, Object> httpWrites(Target target, Options options) {
        HttpClient http = client(target, options.users());
        String run = UUID.randomUUID().toString().substring(0, 8);
        String body = "{\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"text\":\"" + TEXT + "\"}]}";
        // Tokens and conversations for many users, a few at a time (1,000 one by one is minutes on a busy machine).
        List<Driver.Call> calls = Flux.range(0, options.users())
                .flatMap(u -> Mono.fromCallable(() -> target.token("bench-http-" + run + "-" + u))
                        .subscribeOn(Schedulers.boundedElastic())
                        .flatMap(token -> post(http, token, "/api/conversations", "{\"id\":\"c1\"}").map(status -> {
                            if (status != 201) {
                                throw new IllegalStateException("could not create a conversation: " + status);
                            }
                            return (Driver.Call) () -> post(http, token, "/api/conversations/c1/messages", body)
                                    .map(code -> Driver.expect(201, code));
                        })), 16)
                .collectList().block(Duration.ofMinutes(10));
        return Driver.run(calls, options);
    }

    /** The newest 50 messages of a conversation, through the door, at two history lengths. */
    static Map<String, Object> historyReads(Target target, Options options) {
        HttpClient http = client(target, options.users());
        Map<String, Object> bySize = new LinkedHashMap<>();
        try (CommandClient commands = new CommandClient(target.kafka)) {
            for (int size : new int[] {100, 10_000}) {
                String user = "bench-reads-" + UUID.randomUUID().toString().substring(0, 8);
                commands.send(user, new StartConversation("c1", null)).block(Duration.ofSeconds(60));
                Flux.range(0, size)
                        .flatMap(i -> commands.send(user, new AppendMessage("c1", "m" + i, Role.USER,
                                List.of(new TextPart(TEXT)))), 128)
                        .blockLast(Duration.ofMinutes(10));
                String token = target.token(user);
                List<Driver.Call> calls = new ArrayList<>();
                for (int r = 0; r < options.users(); r++) {
                    calls.add(() -> get(http, token, "/api/conversations/c1/messages?limit=50").map(code -> Driver.expect(200, code)));
                }
                System.out.printf("  %,d messages:%n", size);
                bySize.put(size + " messages", Driver.run(calls, options));
            }
        }
        return bySize;
    }

    static HttpClient client(Target target, int connections) {
        ConnectionProvider pool = ConnectionProvider.builder("bench").maxConnections(connections + 16)
                .pendingAcquireMaxCount(-1).build();
        return HttpClient.create(pool).baseUrl(target.door.toString()).responseTimeout(Duration.ofSeconds(60));
    }

    static Mono<Integer> post(HttpClient http, String token, String path, String json) {
        return http.headers(h -> h.set(HttpHeaderNames.AUTHORIZATION, "Bearer " + token)
                        .set(HttpHeaderNames.CONTENT_TYPE, "application/json"))
                .post().uri(path)
                .send(ByteBufFlux.fromString(Mono.just(json), StandardCharsets.UTF_8, io.netty.buffer.ByteBufAllocator.DEFAULT))
                .responseSingle((response, body) -> body.then(Mono.just(response.status().code())));
    }

    static Mono<Integer> get(HttpClient http, String token, String path) {
        return http.headers(h -> h.set(HttpHeaderNames.AUTHORIZATION, "Bearer " + token))
                .get().uri(path)
                .responseSingle((response, body) -> body.then(Mono.just(response.status().code())));
    }

    static String id() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 24);
    }
}
