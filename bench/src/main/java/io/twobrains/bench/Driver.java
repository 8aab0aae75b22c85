package io.twobrains.bench;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Drives calls for a warm-up, then measures. Closed loop: each user has one call in flight and sends
 * the next when it is answered. Open loop: calls start on a fixed schedule whatever the answers, and
 * latency counts from the scheduled start, so a stall is not hidden (no coordinated omission).
 */
final class Driver {

    /** One call: emits true when the answer is what was expected. */
    interface Call extends Supplier<Mono<Boolean>> {
    }

    private Driver() {
    }

    static Map<String, Object> run(List<Call> users, Options options) {
        return run(users, options, Map.of());
    }

    /**
     * As {@link #run(List, Options)}, with more figures that the calls record themselves (a time to
     * first token, say), measured over the same window; their summaries come back under their names,
     * the calls' own under {@code "whole call"}.
     */
    static Map<String, Object> run(List<Call> users, Options options, Map<String, Figures> extra) {
        Figures figures = new Figures();
        if (!options.warmup().isZero()) {
            System.out.printf("  warming up for %ds%n", options.warmup().toSeconds());
            drive(users, options, options.warmup(), figures);
        }
        figures.startMeasuring();
        extra.values().forEach(Figures::startMeasuring);
        long cpuBefore = cpuNanos();
        long start = System.nanoTime();
        drive(users, options, options.duration(), figures);
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpu = (cpuNanos() - cpuBefore) / 1e9;
        if (extra.isEmpty()) {
            return figures.summary(seconds, cpu);
        }
        Map<String, Object> all = new java.util.LinkedHashMap<>();
        extra.forEach((name, more) -> all.put(name, more.summary(seconds, cpu)));
        all.put("whole call", figures.summary(seconds, cpu));
        return all;
    }

    private static void drive(List<Call> users, Options options, Duration length, Figures figures) {
        long deadline = System.nanoTime() + length.toNanos();
        if (options.rate() > 0) {
            openLoop(users, options.rate(), deadline, figures);
        } else {
            Flux.fromIterable(users)
                    .flatMap(call -> Mono.defer(() -> timed(call, System.nanoTime(), figures))
                            .repeat(() -> System.nanoTime() < deadline), users.size())
                    .blockLast();
        }
    }

    private static void openLoop(List<Call> users, double rate, long deadline, Figures figures) {
        long periodNanos = (long) (1e9 / rate);
        long begin = System.nanoTime();
        AtomicLong sent = new AtomicLong();
        Flux.interval(Duration.ofMillis(1))
                .takeWhile(tick -> System.nanoTime() < deadline)
                .concatMap(tick -> {
                    long due = (System.nanoTime() - begin) / periodNanos;
                    long from = sent.getAndSet(Math.max(due, sent.get()));
                    return Flux.range(0, (int) Math.max(0, due - from))
                            .map(i -> begin + (from + i) * periodNanos)
                            .map(scheduled -> users.get((int) ((scheduled / periodNanos) % users.size()))
                                    .get().doOnNext(ok -> count(ok, scheduled, figures))
                                    .onErrorResume(e -> {
                                        figures.error(kind(e));
                                        return Mono.empty();
                                    })
                                    .subscribe());
                })
                .blockLast();
        // let the calls in flight finish
        try {
            Thread.sleep(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Mono<Boolean> timed(Call call, long start, Figures figures) {
        return call.get()
                .doOnNext(ok -> count(ok, start, figures))
                .onErrorResume(e -> {
                    figures.error(kind(e));
                    return Mono.just(false);
                });
    }

    private static void count(boolean ok, long start, Figures figures) {
        if (ok) {
            figures.record(start);
        } else {
            figures.error();
        }
    }

    /** A status the call did not expect says itself; anything else by its exception's name. */
    private static String kind(Throwable e) {
        return e instanceof UnexpectedStatus status ? status.getMessage() : e.getClass().getSimpleName();
    }

    /** Thrown by a call whose answer had another status than the one it expects. */
    static final class UnexpectedStatus extends RuntimeException {
        UnexpectedStatus(int status) {
            super("status " + status, null, false, false);
        }
    }

    /** The status check of an HTTP call: true for the expected status, else an error of that status's kind. */
    static boolean expect(int expected, int status) {
        if (status != expected) {
            throw new UnexpectedStatus(status);
        }
        return true;
    }

    static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
