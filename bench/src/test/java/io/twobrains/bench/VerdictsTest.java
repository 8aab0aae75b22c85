package io.twobrains.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VerdictsTest {

    @Test
    void writeRatiosDivideTheHighestRateOfEachPathByItsBaselines() {
        Map<String, Object> verdicts = Verdicts.write(Results.write(90_000, 180_000, 21_000, 14_000, 28_000, 4, 15, 1.0, 2.0));

        assertThat(ratios(verdicts)).containsEntry("processor / relay (highest rate)", 0.5)
                .containsEntry("HTTP / shared-db service, on (highest rate)", 1.5)
                .containsEntry("HTTP / shared-db service, off (highest rate)", 0.75)
                .containsEntry("CPU per append, HTTP / shared-db service, on", 0.5);
    }

    @Test
    void writeTargetsAreMetExactlyAtTheirBounds() {
        Map<String, Object> verdicts = Verdicts.write(Results.write(90_000, 180_000, 21_000, 14_000, 28_000, 5, 20, 2.0, 2.0));

        assertThat(met(verdicts)).containsExactly(true, true, true, true, true);
        assertThat(verdicts).containsEntry("allTargetsMet", true);
    }

    @Test
    void eachWriteTargetIsMissedOnItsOwn() {
        assertThat(met(Verdicts.write(Results.write(90_000, 180_000, 20_000, 14_000, 28_000, 4, 15))))
                .containsExactly(false, true, true, true, true);
        assertThat(met(Verdicts.write(Results.write(90_000, 180_000, 21_000, 14_000, 28_000, 5.1, 15))))
                .containsExactly(true, false, true, true, true);
        assertThat(met(Verdicts.write(Results.write(90_000, 180_000, 21_000, 14_000, 28_000, 4, 21))))
                .containsExactly(true, true, false, true, true);
        assertThat(met(Verdicts.write(Results.write(90_000, 180_000, 21_000, 14_000, 28_000, 4, 15, 2.1, 2.0))))
                .containsExactly(true, true, true, false, true);
        Map<String, Object> slowProcessor = Verdicts.write(Results.write(89_000, 180_000, 21_000, 14_000, 28_000, 4, 15));
        assertThat(met(slowProcessor)).containsExactly(true, true, true, true, false);
        assertThat(slowProcessor).containsEntry("allTargetsMet", false);
    }

    @Test
    void aPathThatHeldNoRateMissesItsLatencyTargetsRatherThanMeetingThemWithZeros() {
        Map<String, Object> figures = Results.write(90_000, 180_000, 21_000, 14_000, 28_000, 4, 15);
        Map<String, Object> nothing = new LinkedHashMap<>(Map.of("requests", 0L, "throughputPerSecond", 0.0,
                "maxRatePerSecond", 0.0));
        figures.put(Verdicts.HTTP, nothing);

        assertThat(met(Verdicts.write(figures))).containsExactly(false, false, false, true);
    }

    @Test
    void aClosedLoopRunWithoutAHighestRateIsJudgedOnItsThroughput() {
        Map<String, Object> figures = Results.write(90_000, 180_000, 21_000, 14_000, 28_000, 4, 15);
        figures.values().forEach(summary -> asMap(summary).remove("maxRatePerSecond"));

        assertThat(ratios(Verdicts.write(figures))).containsEntry("processor / relay (highest rate)", 0.5);
    }

    @Test
    void aRatioOverABaselineThatHeldNothingSaysSoInsteadOfShowingANumber() {
        Map<String, Object> figures = Results.write(90_000, 180_000, 0, 0, 28_000, 4, 15);
        Map<String, Object> nothing = new LinkedHashMap<>(Map.of("requests", 0L, "throughputPerSecond", 0.0,
                "maxRatePerSecond", 0.0));
        figures.put(Verdicts.HTTP, nothing);
        figures.put(Verdicts.SERVICE_ON, new LinkedHashMap<>(nothing));

        Map<String, Object> verdicts = Verdicts.write(figures);

        assertThat(ratios(verdicts)).containsEntry("HTTP / shared-db service, on (highest rate)", Verdicts.NOT_MEASURED)
                .containsEntry("HTTP / shared-db service, off (highest rate)", 0.0)
                .containsEntry("CPU per append, HTTP / shared-db service, on", Verdicts.NOT_MEASURED)
                .containsEntry("processor / relay (highest rate)", 0.5);
        assertThat(met(verdicts)).first().isEqualTo(false);
    }

    @Test
    void synchronousCommitOnIsSetAgainstOffByCpuPerAppendOfTheService() {
        Map<String, Object> figures = Results.write(90_000, 180_000, 21_000, 14_000, 28_000, 4, 15);
        asMap(figures.get(Verdicts.SERVICE_ON)).put("cpuMsPerRequest", 1.5);
        asMap(figures.get(Verdicts.SERVICE_OFF)).put("cpuMsPerRequest", 1.2);

        assertThat(ratios(Verdicts.write(figures))).containsEntry("CPU per append, shared-db service, on / off", 1.25);
    }

    @Test
    void readFlatnessIsP99AtTheLargestHistoryOverP99AtTheSmallest() {
        Map<String, Object> verdicts = Verdicts.read(Results.read(15_000, 10_000, 2.5, 3.0, 5.0));

        assertThat(ratios(verdicts)).containsEntry("twobrains p99 largest / smallest", 2.0)
                .containsEntry("shared-db service p99 largest / smallest", 1.0)
                .containsEntry("twobrains / shared-db service @ 100 messages (highest rate)", 1.5);
        assertThat(verdicts).containsEntry("allTargetsMet", true);
    }

    @Test
    void readsThatGrowMoreThanTwofoldOrLoseToTheServiceMissTheirTargets() {
        Map<String, Object> growing = Verdicts.read(Results.read(15_000, 10_000, 1.0, 2.0, 3.5));
        Map<String, Object> slower = Verdicts.read(Results.read(14_000, 10_000, 1.0, 1.0, 1.0));

        assertThat(met(growing)).last().isEqualTo(false);
        assertThat(met(slower)).contains(false);
        assertThat(slower).containsEntry("allTargetsMet", false);
    }

    @Test
    void chatTargetsJudgeTheAddedFirstTokenAndTheStreamsHeldOpen() {
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("added by twobrains", Map.of("first token", Map.of("p50Ms", 10.0, "p99Ms", 31.0)));
        figures.put("open streams", Map.of("heldWithNoError", 10_000L));

        assertThat(met(Verdicts.chat(figures))).containsExactly(true, false, true);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object summary) {
        return (Map<String, Object>) summary;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> ratios(Map<String, Object> verdicts) {
        return (Map<String, Object>) verdicts.get("ratios");
    }

    @SuppressWarnings("unchecked")
    private static List<Boolean> met(Map<String, Object> verdicts) {
        return ((List<Map<String, Object>>) verdicts.get("targets")).stream()
                .map(target -> (Boolean) target.get("met")).toList();
    }
}
