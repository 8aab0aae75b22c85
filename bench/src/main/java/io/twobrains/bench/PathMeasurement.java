package io.twobrains.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One path measured the fair way: warmed up; its highest rate held with no errors and p99 at most
 * 50 ms found in short open-loop steps ({@link RateSearch}); then, after one step's length at 70% of
 * that rate to settle, a longer open-loop window at 70% of it, where p50 and p99 are what a user sees on
 * a loaded but not overloaded system. Every
 * window reports the system's CPU per request, from /proc ({@link SystemMeter}).
 *
 * <p>{@code --rate R} skips the search and measures at R; {@code --loop closed} measures as the
 * bench did before, {@code --users} requests in flight.
 */
final class PathMeasurement {

    /** The share of the highest held rate at which latency is reported. */
    static final double SHARE_OF_MAX = 0.7;
    /** No rate above this is tried: one generator thread cannot send much faster on a small machine. */
    private static final double CEILING = 200_000;
    private static final Duration PAUSE = Duration.ofMillis(500);
    /** Cores used outside the run above which a failed step is taken as disturbed. */
    private static final double DISTURBED_CORES = 0.5;

    private PathMeasurement() {
    }

    static Map<String, Object> run(Request request, SystemMeter meter, Options options) {
        if (options.closedLoop()) {
            return ClosedLoop.measure(request, options.users(), meter, options, Map.of());
        }
        WarmUp.Done warm = WarmUp.run(request, options.warmupConcurrency(), meter, options);
        double idle = idleCores(meter, options.quick() ? Duration.ofSeconds(2) : Duration.ofSeconds(5));
        if (options.rate() > 0) {
            Map<String, Object> summary = window(request, options.rate(), options.duration(), meter, idle);
            summary.put("warmupSeconds", Figures.round(warm.seconds()));
            return summary;
        }
        double start = options.startRate() > 0 ? options.startRate() : Math.max(1, warm.throughputPerSecond() / 2);
        RateSearch.Result found = RateSearch.find(start, options.bisections(), 1, CEILING,
                rate -> step(request, rate, options, meter, idle));
        double rate = RateSearch.rounded(found.maxRate() * SHARE_OF_MAX);
        Map<String, Object> summary = new LinkedHashMap<>();
        if (rate > 0) {
            System.out.printf("  highest rate held %,.0f/s; measuring at %.0f%% of it, %,.0f/s, for %ds%n",
                    found.maxRate(), SHARE_OF_MAX * 100, rate, options.duration().toSeconds());
            // The search ends on its highest steps, often a failed one: what that step left behind (a backlog,
            // a collector catching up) would spill into the window. One step's length at the window's rate,
            // not counted, lets it drain first.
            window(request, rate, options.step(), meter, idle);
            summary.putAll(window(request, rate, options.duration(), meter, idle));
        } else {
            System.out.println("  no rate held: nothing to measure at 70% of it");
            summary.put("requests", 0L);
            summary.put("throughputPerSecond", 0.0);
        }
        summary.put("maxRatePerSecond", found.maxRate());
        summary.put("shareOfMax", SHARE_OF_MAX);
        summary.put("warmupSeconds", Figures.round(warm.seconds()));
        summary.put("search", steps(found.steps()));
        return summary;
    }

    /**
     * One step of the search. A step that fails while processes outside this run used more than
     * {@value #DISTURBED_CORES} cores is tried once more, and the first try is kept beside the second:
     * on a shared machine one neighbour's burst would otherwise end the search far below the path's limit.
     */
    private static RateSearch.Step step(Request request, double rate, Options options, SystemMeter meter, double idle) {
        Map<String, Object> step = window(request, rate, options.step(), meter, idle);
        boolean held = RateSearch.held(step);
        System.out.printf("  step %,8.0f/s: %-6s %s%n", rate, held ? "held" : "failed", line(step));
        pause();
        if (!held && (Verdicts.number(step, "outsideCores") > DISTURBED_CORES
                || Verdicts.number(step, "stealCores") > DISTURBED_CORES)) {
            Map<String, Object> again = window(request, rate, options.step(), meter, idle);
            held = RateSearch.held(again);
            System.out.printf("  again %,7.0f/s: %-6s %s%n", rate, held ? "held" : "failed", line(again));
            pause();
            again.put("disturbedFirstTry", brief(step));
            step = again;
        }
        return new RateSearch.Step(rate, held, step);
    }

    /**
     * The system's CPU with no load, in cores, after the warm-up: at low rates it is most of the CPU per
     * request (an idle stack commits and polls), so each window also says what its requests cost above it.
     */
    private static double idleCores(SystemMeter meter, Duration length) {
        pause();
        SystemMeter.Reading before = meter.read();
        try {
            Thread.sleep(length.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        CpuUsage idle = meter.since(before);
        double cores = idle.seconds() == 0 ? 0 : idle.systemSeconds() / idle.seconds();
        System.out.printf("  idle, the system uses %.2f cores%n", cores);
        return cores;
    }

    /** One open-loop window at {@code rate}: latencies from the due times, errors, and the system's CPU. */
    static Map<String, Object> window(Request request, double rate, Duration length, SystemMeter meter,
            double idleCores) {
        Figures figures = new Figures();
        figures.startMeasuring();
        SystemMeter.Reading before = meter.read();
        OpenLoop.Window window = OpenLoop.run(request, rate, length, figures);
        CpuUsage usage = meter.since(before);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("ratePerSecond", rate);
        summary.putAll(figures.summary(window.seconds()));
        if (window.fellBehind()) {
            summary.put("fellBehind", true);
        }
        long requests = (long) summary.get("requests");
        summary.putAll(usage.describe(requests));
        if (requests > 0 && !usage.byPart().isEmpty()) {
            summary.put("idleCpuCores", Figures.round(idleCores));
            summary.put("cpuMsPerRequestAboveIdle",
                    Figures.round3(Math.max(0, usage.systemSeconds() - idleCores * usage.seconds()) * 1000 / requests));
        }
        Map<String, Object> streams = before.streamThreads().since(window.seconds());
        if (!streams.isEmpty()) {
            summary.put("streamThreads", streams);
        }
        return summary;
    }

    /** The search, each step in brief: enough to see where the path gave out. */
    private static List<Map<String, Object>> steps(List<RateSearch.Step> steps) {
        List<Map<String, Object>> all = new ArrayList<>();
        for (RateSearch.Step step : steps) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("ratePerSecond", step.rate());
            row.put("held", step.held());
            row.putAll(brief(step.figures()));
            all.add(row);
        }
        return all;
    }

    private static Map<String, Object> brief(Map<String, Object> figures) {
        Map<String, Object> brief = new LinkedHashMap<>();
        for (String key : List.of("throughputPerSecond", "p50Ms", "p99Ms", "errors", "fellBehind", "cpuMsPerRequest",
                "cpuMsPerRequestAboveIdle", "outsideCores", "stealCores", "disturbedFirstTry")) {
            if (figures.containsKey(key)) {
                brief.put(key, figures.get(key));
            }
        }
        return brief;
    }

    static String line(Map<String, Object> figures) {
        return String.format("%s/s, p50 %s ms, p99 %s ms, %s errors%s, %s ms CPU per request (outside load %s cores, stolen %s)",
                figures.get("throughputPerSecond"), figures.get("p50Ms"), figures.get("p99Ms"), figures.get("errors"),
                Boolean.TRUE.equals(figures.get("fellBehind")) ? " (fell behind)" : "",
                figures.getOrDefault("cpuMsPerRequest", "?"), figures.getOrDefault("outsideCores", "?"),
                figures.getOrDefault("stealCores", "?"));
    }

    private static void pause() {
        try {
            Thread.sleep(PAUSE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
