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
        if (measuring) {
            latencies.recordValue(Math.min(TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - startNanos),
                    TimeUnit.SECONDS.toMicros(60)));
        }
    }

    void error() {
        error("unexpected answer");
    }

    /** An error of a kind (a status, an exception), so a run with errors says what went wrong. */
    void error(String kind) {
        if (measuring) {
            errors.incrementAndGet();
            errorKinds.computeIfAbsent(kind, k -> new LongAdder()).increment();
        }
    }

    /** Throughput and percentiles (in ms) over {@code seconds} of measuring. */
    Map<String, Object> summary(double seconds, double cpuSeconds) {
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
        summary.put("cpuSeconds", round(cpuSeconds));
        return summary;
    }

    private static double ms(long micros) {
        return round(micros / 1000.0);
    }

    static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
