package io.twobrains.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProcStatTest {

    @Test
    void readsTheParentAndTheCpuTicksOfAProcess() {
        ProcStat java = ProcStat.parse("5270 (java) S 1 5022 2318 0 -1 4194304 362098 22594 4 6 6851 440 47 28 20 0 "
                + "149 0 57601 10102341632 258968 18446744073709551615 0 0 0 0 0 0 0 2 16800973 0 0 0 17 0 0 0 0 0 0");

        assertThat(java).isEqualTo(new ProcStat(5270, "java", 1, 6851, 440, 47, 28));
        assertThat(java.ownTicks()).isEqualTo(7291);
        assertThat(java.ticksWithReapedChildren()).isEqualTo(7366);
    }

    @Test
    void aNameWithSpacesAndParenthesesDoesNotShiftTheFields() {
        ProcStat thread = ProcStat.parse("5301 (C2 CompilerThre) S 5270 5022 2318 0 -1 4194368 0 0 0 0 900 12 0 0 20 0 "
                + "149 0 57700 0 0");
        ProcStat odd = ProcStat.parse("77 (a) b (c)) R 1 77 77 0 -1 0 0 0 0 0 3 4 5 6 20 0 1 0 1 0 0");

        assertThat(thread.comm()).isEqualTo("C2 CompilerThre");
        assertThat(thread.ppid()).isEqualTo(5270);
        assertThat(thread.ownTicks()).isEqualTo(912);
        assertThat(odd).isEqualTo(new ProcStat(77, "a) b (c)", 1, 3, 4, 5, 6));
    }

    @Test
    void somethingElseIsRefused() {
        assertThatThrownBy(() -> ProcStat.parse("no stat here")).isInstanceOf(IllegalArgumentException.class);
        assertThat(ProcStat.read(Path.of("/proc/no-such-process/stat"))).isEmpty();
    }

    @Test
    void busyTicksOfTheMachineLeaveOutIdleIowaitAndStealWhichCountsApart() {
        // cpu user nice system idle iowait irq softirq steal guest guest_nice
        assertThat(SystemMeter.busyTicks("cpu  100 2 30 5000 70 4 5 6 0 0")).isEqualTo(141);
        assertThat(SystemMeter.stealTicks("cpu  100 2 30 5000 70 4 5 6 0 0")).isEqualTo(6);
        assertThat(SystemMeter.stealTicks("cpu  100 2 30 5000 70 4 5")).as("a kernel without steal").isZero();
    }

    @Test
    void usageOverAWindowIsTheDifferenceOfTwoReadingsSplitByPartAndOutsideTheRun() {
        SystemMeter.Reading before = new SystemMeter.Reading(0, Map.of("stack JVM", 1_000L, "PostgreSQL", 300L), 200, 50,
                1_400, 10_000, 500, StreamThreadTime.start(null));
        SystemMeter.Reading after = new SystemMeter.Reading(10_000_000_000L, Map.of("stack JVM", 2_000L, "PostgreSQL", 500L),
                230, 150, 2_800, 11_600, 800, StreamThreadTime.start(null));

        CpuUsage usage = CpuUsage.between(before, after, 100);

        assertThat(usage.seconds()).isEqualTo(10.0);
        assertThat(usage.byPart()).containsEntry("stack JVM", 10.0).containsEntry("PostgreSQL", 2.0);
        assertThat(usage.systemSeconds()).isEqualTo(12.0);
        assertThat(usage.jitShare()).isEqualTo(0.3 / 12.0);
        assertThat(usage.generatorSeconds()).isEqualTo(1.0);
        assertThat(usage.outsideSeconds()).as("the machine's 16 s less the run's 14 s").isEqualTo(2.0);
        assertThat(usage.stealSeconds()).as("3 s stolen, not counted as anyone's work").isEqualTo(3.0);
        Map<String, Object> figures = usage.describe(4_000);
        assertThat(figures).containsEntry("cpuMsPerRequest", 3.0).containsEntry("cpuCores", 1.2)
                .containsEntry("outsideCores", 0.2).containsEntry("generatorCores", 0.1)
                .containsEntry("stealCores", 0.3);
        assertThat(figures.get("cpuMsPerRequestByPart")).isEqualTo(Map.of("stack JVM", 2.5, "PostgreSQL", 0.5));
    }

    @Test
    void theMeterFindsThisProcessAndItsCompilerThreads() {
        long self = ProcessHandle.current().pid();
        SystemMeter meter = new SystemMeter(java.util.List.of(new SystemMeter.Part("this JVM", self)));

        SystemMeter.Reading reading = meter.read();

        assertThat(reading.ticksByPart().get("this JVM")).isPositive();
        assertThat(reading.generatorTicks()).isPositive();
        assertThat(reading.machineBusyTicks()).isGreaterThanOrEqualTo(reading.oursTicks());
    }
}
