package io.twobrains.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VerdictsTest {

    @Test
    void writeRatiosDivideThroughputsOfEachPathByItsBaseline() {
        Map<String, Object> verdicts = Verdicts.write(Results.write(90_000, 180_000, 21_000, 7_000, 14_000, 4, 15));

        assertThat(ratios(verdicts)).containsEntry("processor / limit", 0.5)
                .containsEntry("HTTP / shared-db (synchronous_commit=on)", 3.0)
                .containsEntry("HTTP / shared-db (synchronous_commit=off)", 1.5);
    }

    @Test
    void writeTargetsAreMetExactlyAtTheirBounds() {
        Map<String, Object> verdicts = Verdicts.write(Results.write(90_000, 180_000, 21_000, 7_000, 14_000, 5, 20));

        assertThat(met(verdicts)).containsExactly(true, true, true, true);
        assertThat(verdicts).containsEntry("allTargetsMet", true);
    }

    @Test
    void eachWriteTargetIsMissedOnItsOwn() {
        assertThat(met(Verdicts.write(Results.write(89_000, 180_000, 21_000, 7_000, 14_000, 4, 15))))
                .containsExactly(false, true, true, true);
        assertThat(met(Verdicts.write(Results.write(90_000, 180_000, 20_000, 7_000, 14_000, 4, 15))))
                .containsExactly(true, false, true, true);
        assertThat(met(Verdicts.write(Results.write(90_000, 180_000, 21_000, 7_000, 14_000, 5.1, 15))))
                .containsExactly(true, true, false, true);
        Map<String, Object> slowTail = Verdicts.write(Results.write(90_000, 180_000, 21_000, 7_000, 14_000, 4, 21));
        assertThat(met(slowTail)).containsExactly(true, true, true, false);
        assertThat(slowTail).containsEntry("allTargetsMet", false);
    }

    @Test
    void readFlatnessIsP99AtTheLargestHistoryOverP99AtTheSmallest() {
        Map<String, Object> verdicts = Verdicts.read(Results.read(12_000, 11_000, 1.5, 2.0, 3.0));

        assertThat(ratios(verdicts)).containsEntry("twobrains p99 largest / smallest", 2.0)
                .containsEntry("shared-db p99 largest / smallest", 1.0);
        assertThat(verdicts).containsEntry("allTargetsMet", true);
    }

    @Test
    void readsThatGrowMoreThanTwofoldOrLoseToTheSharedDatabaseMissTheirTargets() {
        Map<String, Object> growing = Verdicts.read(Results.read(12_000, 11_000, 1.0, 2.0, 3.5));
        Map<String, Object> slower = Verdicts.read(Results.read(10_000, 11_000, 1.0, 1.0, 1.0));

        assertThat(met(growing)).last().isEqualTo(false);
        assertThat(met(slower)).contains(false);
        assertThat(slower).containsEntry("allTargetsMet", false);
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
