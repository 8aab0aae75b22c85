package io.twobrains.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU used over one window, in seconds: by each part of the system under test, by their JIT
 * compilers (within those parts), by the load generator, by processes outside this run, and taken by
 * the hypervisor for other guests (steal: the machine was slower, though nobody on it worked).
 */
record CpuUsage(double seconds, Map<String, Double> byPart, double jitSeconds, double generatorSeconds,
        double outsideSeconds, double stealSeconds) {

    static CpuUsage between(SystemMeter.Reading before, SystemMeter.Reading after, long ticksPerSecond) {
        Map<String, Double> byPart = new LinkedHashMap<>();
        after.ticksByPart().forEach((part, ticks) -> byPart.put(part,
                (double) (ticks - before.ticksByPart().getOrDefault(part, ticks)) / ticksPerSecond));
        double ours = (double) (after.oursTicks() - before.oursTicks()) / ticksPerSecond;
        double machine = (double) (after.machineBusyTicks() - before.machineBusyTicks()) / ticksPerSecond;
        return new CpuUsage((after.nanos() - before.nanos()) / 1e9, byPart,
                (double) (after.jitTicks() - before.jitTicks()) / ticksPerSecond,
                (double) (after.generatorTicks() - before.generatorTicks()) / ticksPerSecond,
                Math.max(0, machine - ours),
                (double) (after.machineStealTicks() - before.machineStealTicks()) / ticksPerSecond);
    }

    /** CPU seconds of the system under test: every part, every process of it. */
    double systemSeconds() {
        return byPart.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    /** The JIT compilers' share of the system's CPU (0 when it used none). */
    double jitShare() {
        double system = systemSeconds();
        return system == 0 ? 0 : jitSeconds / system;
    }

    /**
     * The figures of a measurement that completed {@code requests}: system CPU seconds and cores, CPU ms
     * per request (in all and by part), the JIT's seconds, the generator's cores, the cores used outside
     * this run (more than a few tenths means someone else's work shared the machine) and the cores stolen
     * by the hypervisor (more than a few tenths means a neighbouring guest slowed the whole machine).
     */
    Map<String, Object> describe(long requests) {
        Map<String, Object> figures = new LinkedHashMap<>();
        if (byPart.isEmpty()) {
            return figures; // a running stack given by --url, with no --pids: its processes are unknown
        }
        figures.put("cpuSeconds", Figures.round(systemSeconds()));
        figures.put("cpuCores", Figures.round(seconds == 0 ? 0 : systemSeconds() / seconds));
        figures.put("cpuMsPerRequest", requests == 0 ? 0.0 : Figures.round3(systemSeconds() * 1000 / requests));
        Map<String, Object> perPart = new LinkedHashMap<>();
        byPart.forEach((part, cpu) -> perPart.put(part, requests == 0 ? 0.0 : Figures.round3(cpu * 1000 / requests)));
        figures.put("cpuMsPerRequestByPart", perPart);
        figures.put("jitSeconds", Figures.round(jitSeconds));
        figures.put("generatorCores", Figures.round(seconds == 0 ? 0 : generatorSeconds / seconds));
        figures.put("outsideCores", Figures.round(seconds == 0 ? 0 : outsideSeconds / seconds));
        figures.put("stealCores", Figures.round(seconds == 0 ? 0 : stealSeconds / seconds));
        return figures;
    }
}
