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

    private static final Duration WARMUP_STEP = Duration.ofSeconds(10);
    private static final Duration SHORTEST_AUTO_WARMUP = Duration.ofSeconds(60);
    private static final double SETTLED_JIT_SHARE = 0.10;

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
        double warmedSeconds = warmUp(users, options, figures);
        figures.startMeasuring();
        extra.values().forEach(Figures::startMeasuring);
        long cpuBefore = cpuNanos();
        long jitBefore = jitMillis();
        StreamThreadTime streamThreads = StreamThreadTime.start();
        long start = System.nanoTime();
        drive(users, options, options.duration(), figures);
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpu = (cpuNanos() - cpuBefore) / 1e9;
        double jit = (jitMillis() - jitBefore) / 1e3;
        System.out.printf("  JIT compilers ran %.1f s of the %.1f CPU seconds measured%n", jit, cpu);
        Map<String, Object> processor = streamThreads.since(seconds);
        if (extra.isEmpty()) {
            Map<String, Object> summary = figures.summary(seconds, cpu);
            summary.put("jitSeconds", Figures.round(jit));
            summary.put("warmupSeconds", Figures.round(warmedSeconds));
            if (!processor.isEmpty()) {
                summary.put("streamThreads", processor);
            }
            return summary;
        }
        Map<String, Object> all = new java.util.LinkedHashMap<>();
        extra.forEach((name, more) -> all.put(name, more.summary(seconds, cpu)));
        all.put("whole call", figures.summary(seconds, cpu));
        return all;
    }

    /**
     * Runs the calls unmeasured before measuring; returns for how long. A fixed {@code --warmup} runs
     * that long. Otherwise it runs in steps until the JIT compilers used at most a tenth of the
     * process's CPU in a step, after at least a minute: on two cores a JVM that holds a broker, a
     * processor and five services still compiles for minutes, and every core-second the compilers
     * take is one the load does not get.
     */
    private static double warmUp(List<Call> users, Options options, Figures figures) {
        long begin = System.nanoTime();
        if (!options.autoWarmup()) {
            if (!options.warmup().isZero()) {
                System.out.printf("  warming up for %ds%n", options.warmup().toSeconds());
                drive(users, options, options.warmup(), figures);
            }
            return (System.nanoTime() - begin) / 1e9;
        }
        System.out.printf("  warming up until the JIT compilers settle (at most %ds)%n", options.warmup().toSeconds());
        while (true) {
            long cpuBefore = cpuNanos();
            long jitBefore = jitMillis();
            drive(users, options, WARMUP_STEP, figures);
            double jitShare = (jitMillis() - jitBefore) / 1e3 / Math.max(1e-9, (cpuNanos() - cpuBefore) / 1e9);
            double elapsed = (System.nanoTime() - begin) / 1e9;
            if (elapsed >= SHORTEST_AUTO_WARMUP.toSeconds() && jitShare <= SETTLED_JIT_SHARE) {
                System.out.printf("  warmed up in %.0fs (JIT %.0f%% of the CPU in the last %ds)%n", elapsed, jitShare * 100,
                        WARMUP_STEP.toSeconds());
                return elapsed;
            }
            if (elapsed >= options.warmup().toSeconds()) {
                System.out.printf("  warm-up stopped at %.0fs with the JIT still at %.0f%% of the CPU%n", elapsed, jitShare * 100);
                return elapsed;
            }
        }
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

    /** Time the JIT compilers have spent compiling in this JVM, in ms: on two cores it is work the load does not get. */
    static long jitMillis() {
        return ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
    }

    static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
