package io.twobrains.bench;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A fixed number of requests in flight, each sent when the one before it is answered; latency counts
 * from the send. It warms paths up, drives the chat turns, and measures with {@code --loop closed} as
 * the bench did before: at a concurrency past a path's capacity it measures its own queue, not the system.
 */
final class ClosedLoop {

    private ClosedLoop() {
    }

    /**
     * Runs {@code concurrency} loops for {@code length}; loop {@code w} sends requests numbered
     * {@code w}, {@code w + concurrency}, ..., so with as many loops as users each user has one in flight.
     */
    static void run(Request request, int concurrency, Duration length, Figures figures) {
        long deadline = System.nanoTime() + length.toNanos();
        Flux.range(0, concurrency)
                .flatMap(loop -> {
                    long[] next = {loop};
                    return Mono.defer(() -> {
                        long start = System.nanoTime();
                        long n = next[0];
                        next[0] += concurrency;
                        return request.send(n).defaultIfEmpty(false)
                                .doOnNext(ok -> {
                                    if (ok) {
                                        figures.record(start);
                                    } else {
                                        figures.error();
                                    }
                                })
                                .onErrorResume(e -> {
                                    figures.error(Answers.kind(e));
                                    return Mono.just(false);
                                });
                    }).repeat(() -> System.nanoTime() < deadline);
                }, concurrency)
                .blockLast();
    }

    /**
     * Warms up, then measures {@code concurrency} loops for {@code --duration}: the summary, with the
     * system's CPU; {@code extra} figures that the requests record themselves (a time to first token,
     * say) come back under their names over the same window, the requests' own under {@code "whole call"}.
     */
    static Map<String, Object> measure(Request request, int concurrency, SystemMeter meter, Options options,
            Map<String, Figures> extra) {
        WarmUp.Done warm = WarmUp.run(request, concurrency, meter, options);
        Figures figures = new Figures();
        figures.startMeasuring();
        extra.values().forEach(Figures::startMeasuring);
        SystemMeter.Reading before = meter.read();
        long start = System.nanoTime();
        run(request, concurrency, options.duration(), figures);
        double seconds = (System.nanoTime() - start) / 1e9;
        CpuUsage usage = meter.since(before);
        Map<String, Object> summary = figures.summary(seconds);
        summary.putAll(usage.describe((long) summary.get("requests")));
        Map<String, Object> streams = before.streamThreads().since(seconds);
        if (!streams.isEmpty()) {
            summary.put("streamThreads", streams);
        }
        summary.put("warmupSeconds", Figures.round(warm.seconds()));
        summary.put("concurrency", concurrency);
        if (extra.isEmpty()) {
            return summary;
        }
        Map<String, Object> all = new LinkedHashMap<>();
        extra.forEach((name, more) -> all.put(name, more.summary(seconds)));
        all.put("whole call", summary);
        return all;
    }
}
