package io.twobrains.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/** Latencies (HdrHistogram, microseconds) and counts of one measured run. */
final class Figures {

    private final Recorder latencies = new Recorder(TimeUnit.SECONDS.toMicros(60), 3);
    private final AtomicLong errors = new AtomicLong();
    private final Map<String, LongAdder> errorKinds = new ConcurrentHashMap<>();
    private volatile boolean measuring;

    void startMeasuring() {
        latencies.reset();
        errors.set(0);
        errorKinds.clear();
        measuring = true;
    }

    void record(long startNanos) {
        record(startNanos, System.nanoTime());
    }

    /**
     * A request answered at {@code completedNanos} that was due at {@code intendedNanos}. In an open
     * loop its latency counts from when it was due, not from when it was sent: a stall of the system
     * (or of the generator) delays every request due during it, and all of that delay is recorded
     * (no coordinated omission).
     */
    void record(long intendedNanos, long completedNanos) {
        if (measuring) {
            latencies.recordValue(Math.max(0, Math.min(TimeUnit.NANOSECONDS.toMicros(completedNanos - intendedNanos),
                    TimeUnit.SECONDS.toMicros(60))));
        }
    }

    void error() {
        error("unexpected answer");
    }

    /** An error of a kind (a status, an exception), so a run with errors says what went wrong. */
    void error(String kind) {
        errors(kind, 1);
    }

    void errors(String kind, long count) {
        if (measuring && count > 0) {
            errors.addAndGet(count);
            errorKinds.computeIfAbsent(kind, k -> new LongAdder()).add(count);
        }
    }

    /** Throughput and percentiles (in ms) over {@code seconds} of measuring. */
    Map<String, Object> summary(double seconds) {
        Histogram histogram = latencies.getIntervalHistogram();
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("requests", histogram.getTotalCount());
        summary.put("throughputPerSecond", round(histogram.getTotalCount() / seconds));
        summary.put("p50Ms", ms(histogram.getValueAtPercentile(50)));
        summary.put("p95Ms", ms(histogram.getValueAtPercentile(95)));
        summary.put("p99Ms", ms(histogram.getValueAtPercentile(99)));
        summary.put("maxMs", ms(histogram.getMaxValue()));
        summary.put("errors", errors.get());
        if (!errorKinds.isEmpty()) {
            Map<String, Long> kinds = new TreeMap<>();
            errorKinds.forEach((kind, count) -> kinds.put(kind, count.sum()));
            summary.put("errorKinds", kinds);
        }
        return summary;
    }

    private static double ms(long micros) {
        return round(micros / 1000.0);
    }

    static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    /** Three decimals, for small figures such as CPU milliseconds per request. */
    static double round3(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
