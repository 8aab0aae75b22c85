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
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;

/**
 * Open streams: {@code count} users each open one long reply through the door, {@code --ramp} per
 * second, each lasting past the end of the ramp and streaming at {@code --stream-tokens-per-second}
 * (default 5, the pace); the most open at once (first token seen, end not yet), the most held
 * before the first error, and the errors by kind. The model and the client are processes apart from
 * the system.
 */
final class OpenStreams {

    private static final String OK = "ok";

    private OpenStreams() {
    }

    static Map<String, Object> run(Target target, Options options, int count) {
        int ramp = options.intFlag("ramp", 200);
        int pace = options.intFlag("stream-tokens-per-second", 5);
        long holdSeconds = count / ramp + 15;
        long tokens = holdSeconds * pace;
        HttpClient door = ChatLoad.client(target.door.toString(), count)
                .responseTimeout(Duration.ofSeconds(holdSeconds + 120));
        String run = UUID.randomUUID().toString().substring(0, 8);
        System.out.printf("  opening %,d streams at %d/s, each %d s long at %d words a second%n", count, ramp,
                holdSeconds, pace);
        List<String> tokensOfUsers = Users.tokens(target, Users.ids("streams-" + run, count));
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
        String body = ChatLoad.chatBody("c1", "m1", "tokens:" + tokens + " pace:" + pace);
        Flux.interval(Duration.ofNanos(1_000_000_000L / ramp)).take(count)
                .flatMap(i -> {
                    AtomicBoolean counted = new AtomicBoolean();
                    long begin = System.nanoTime();
                    return door.headers(h -> h.set(HttpHeaderNames.CONTENT_TYPE, "application/json")
                                    .set(HttpHeaderNames.AUTHORIZATION, "Bearer " + tokensOfUsers.get(i.intValue())))
                            .post().uri("/api/chat")
                            .send(ByteBufFlux.fromString(Mono.just(body), StandardCharsets.UTF_8, ByteBufAllocator.DEFAULT))
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
        figures.put("tokensPerSecond", pace);
        figures.put("peakOpen", peak.get());
        figures.put("heldWithNoError", peakBeforeFirstError.get() < 0 ? peak.get() : peakBeforeFirstError.get());
        figures.put("completed", completed.get());
        figures.put("errors", errors.get());
        figures.put("errorKinds", failures.summary(1).getOrDefault("errorKinds", Map.of()));
        figures.put("first token", firstToken.summary((System.nanoTime() - start) / 1e9));
        return figures;
    }
}
