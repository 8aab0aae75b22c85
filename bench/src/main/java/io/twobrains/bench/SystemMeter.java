package io.twobrains.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanServerConnection;

/**
 * CPU time from {@code /proc}: of each part of the system under test (a root process and all its
 * descendants: the stack's JVM, PostgreSQL's postmaster and its backends, a baseline service), of
 * their JIT compiler threads, of the load generator (this process), and of the whole machine, so
 * that work nobody in this run did (another user's build, say) shows up as disturbing the figures.
 * When the system has a processor whose MBeans it can reach, a reading also holds its stream
 * threads' Kafka counters ({@link StreamThreadTime}).
 */
final class SystemMeter {

    private static final Path PROC = Path.of("/proc");
    private static final long SELF = ProcessHandle.current().pid();
    private static volatile long ticksPerSecond;

    /** A process of the system under test; it counts with all its descendants. */
    record Part(String name, long pid) {
    }

    /** Cumulative clock ticks at one moment, and the processor's counters then. */
    record Reading(long nanos, Map<String, Long> ticksByPart, long jitTicks, long generatorTicks, long oursTicks,
            long machineBusyTicks, long machineStealTicks, StreamThreadTime streamThreads) {
    }

    private final List<Part> parts;
    private final MBeanServerConnection processor;

    SystemMeter(List<Part> parts) {
        this(parts, null);
    }

    /** @param processor the MBeans of the JVM that runs the processor; null when it has none (or they are out of reach) */
    SystemMeter(List<Part> parts, MBeanServerConnection processor) {
        this.parts = List.copyOf(parts);
        this.processor = processor;
    }

    Reading read() {
        Map<Long, ProcStat> all = processes();
        Map<Long, List<Long>> children = new HashMap<>();
        all.values().forEach(stat -> children.computeIfAbsent(stat.ppid(), p -> new ArrayList<>()).add(stat.pid()));
        Map<String, Long> byPart = new LinkedHashMap<>();
        Set<Long> ours = new HashSet<>(tree(SELF, children));
        long jit = 0;
        for (Part part : parts) {
            Set<Long> tree = tree(part.pid(), children);
            ours.addAll(tree);
            byPart.merge(part.name(), sum(tree, all), Long::sum);
            jit += compilerTicks(part.pid());
        }
        ProcStat self = all.get(SELF);
        String cpuLine = machineCpuLine();
        return new Reading(System.nanoTime(), byPart, jit, self == null ? 0 : self.ownTicks(), sum(ours, all),
                cpuLine == null ? 0 : busyTicks(cpuLine), cpuLine == null ? 0 : stealTicks(cpuLine),
                StreamThreadTime.start(processor));
    }

    /** What happened between {@code before} and now. */
    CpuUsage since(Reading before) {
        return CpuUsage.between(before, read(), ticksPerSecond());
    }

    private static Set<Long> tree(long root, Map<Long, List<Long>> children) {
        Set<Long> found = new HashSet<>();
        Deque<Long> next = new ArrayDeque<>(List.of(root));
        while (!next.isEmpty()) {
            long pid = next.pop();
            if (found.add(pid)) {
                next.addAll(children.getOrDefault(pid, List.of()));
            }
        }
        return found;
    }

    private static long sum(Set<Long> pids, Map<Long, ProcStat> all) {
        return pids.stream().map(all::get).filter(java.util.Objects::nonNull)
                .mapToLong(ProcStat::ticksWithReapedChildren).sum();
    }

    private static Map<Long, ProcStat> processes() {
        Map<Long, ProcStat> all = new HashMap<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(PROC, "[0-9]*")) {
            for (Path entry : entries) {
                ProcStat.read(entry.resolve("stat")).ifPresent(stat -> all.put(stat.pid(), stat));
            }
        } catch (IOException e) {
            // no /proc: nothing to measure
        }
        return all;
    }

    /** The JIT compilers' threads of a JVM (named "C1 CompilerThre…" and "C2 CompilerThre…" by the kernel). */
    private static long compilerTicks(long pid) {
        long ticks = 0;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(PROC.resolve(Long.toString(pid)).resolve("task"))) {
            for (Path task : tasks) {
                ticks += ProcStat.read(task.resolve("stat"))
                        .filter(stat -> stat.comm().startsWith("C1 Compiler") || stat.comm().startsWith("C2 Compiler"))
                        .map(ProcStat::ownTicks).orElse(0L);
            }
        } catch (IOException e) {
            // gone, or not ours to read
        }
        return ticks;
    }

    /** The first line of /proc/stat (all cores), or null without one. */
    private static String machineCpuLine() {
        try {
            return Files.readAllLines(PROC.resolve("stat")).get(0);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * From {@code cpu user nice system idle iowait irq softirq steal ...}: the ticks this machine's cores
     * worked, all but idle, iowait and steal (steal is time the hypervisor gave to another guest: our
     * processes waited, but nobody on this machine worked; {@link #stealTicks} counts it apart).
     */
    static long busyTicks(String cpuLine) {
        String[] fields = cpuLine.trim().split("\\s+");
        long busy = 0;
        for (int i = 1; i < Math.min(fields.length, 8); i++) {
            if (i != 4 && i != 5) {
                busy += Long.parseLong(fields[i]);
            }
        }
        return busy;
    }

    /** The steal ticks of {@code cpu ... steal}: cores this guest wanted and the hypervisor gave to another. */
    static long stealTicks(String cpuLine) {
        String[] fields = cpuLine.trim().split("\\s+");
        return fields.length > 8 ? Long.parseLong(fields[8]) : 0;
    }

    /** The kernel's USER_HZ, from {@code getconf CLK_TCK}; 100 on every Linux we know of. */
    static long ticksPerSecond() {
        if (ticksPerSecond == 0) {
            long found = 100;
            try {
                Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
                String out = new String(getconf.getInputStream().readAllBytes()).trim();
                if (getconf.waitFor(5, TimeUnit.SECONDS) && getconf.exitValue() == 0) {
                    found = Long.parseLong(out);
                }
            } catch (IOException | RuntimeException e) {
                // keep the usual value
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ticksPerSecond = found;
        }
        return ticksPerSecond;
    }
}
