package io.twobrains.bench;

import java.time.Duration;

/**
 * Runs a path unmeasured before it is measured, in a closed loop (as fast as it answers, so its hot
 * code is what gets compiled). A fixed {@code --warmup} runs that long. Otherwise ({@code auto}) it
 * runs in 10 s steps until the JIT compilers of the system's processes used at most a tenth of the
 * system's CPU in a step, after at least a minute and at most {@link Options#LONGEST_WARMUP}: on two
 * cores a JVM that holds a broker, a processor and five services still compiles for minutes, and every
 * core-second its compilers take is one the load does not get.
 */
final class WarmUp {

    private static final Duration STEP = Duration.ofSeconds(10);
    private static final Duration SHORTEST_AUTO = Duration.ofSeconds(60);
    private static final double SETTLED_JIT_SHARE = 0.10;

    /** How long it ran, and the throughput of its last step: a first guess at the path's capacity. */
    record Done(double seconds, double throughputPerSecond) {
    }

    private WarmUp() {
    }

    static Done run(Request request, int concurrency, SystemMeter meter, Options options) {
        long begin = System.nanoTime();
        if (!options.autoWarmup()) {
            if (options.warmup().isZero()) {
                return new Done(0, 0);
            }
            System.out.printf("  warming up for %ds, %d in flight%n", options.warmup().toSeconds(), concurrency);
            double throughput = step(request, concurrency, options.warmup());
            return new Done(seconds(begin), throughput);
        }
        System.out.printf("  warming up until the JIT compilers settle (at most %ds), %d in flight%n",
                options.warmup().toSeconds(), concurrency);
        while (true) {
            SystemMeter.Reading before = meter.read();
            double throughput = step(request, concurrency, STEP);
            CpuUsage usage = meter.since(before);
            double elapsed = seconds(begin);
            System.out.printf("  warm-up %3.0fs: %.0f/s, JIT compilers at %.0f%% of the system's CPU (%.2f cores)%n",
                    elapsed, throughput, usage.jitShare() * 100, usage.systemSeconds() / usage.seconds());
            if (elapsed >= SHORTEST_AUTO.toSeconds() && usage.jitShare() <= SETTLED_JIT_SHARE) {
                return new Done(elapsed, throughput);
            }
            if (elapsed >= options.warmup().toSeconds()) {
                System.out.printf("  warm-up stopped at %.0fs with the JIT still at %.0f%%%n", elapsed,
                        usage.jitShare() * 100);
                return new Done(elapsed, throughput);
            }
        }
    }

    private static double step(Request request, int concurrency, Duration length) {
        Figures figures = new Figures();
        figures.startMeasuring();
        long start = System.nanoTime();
        ClosedLoop.run(request, concurrency, length, figures);
        return (double) figures.summary(seconds(start)).get("throughputPerSecond");
    }

    private static double seconds(long beginNanos) {
        return (System.nanoTime() - beginNanos) / 1e9;
    }
}
