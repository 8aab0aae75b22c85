package io.twobrains.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RateSearchTest {

    /** A system that holds every rate up to its capacity and no more. */
    private static RateSearch.Trial capacity(double capacity) {
        return rate -> new RateSearch.Step(rate, rate <= capacity, Map.of());
    }

    @Test
    void doublesFromTheFirstRateThenBisectsToWithinAnEighthOfTheCapacity() {
        RateSearch.Result found = RateSearch.find(100, 3, 1, 200_000, capacity(1_234));

        assertThat(found.steps()).extracting(RateSearch.Step::rate)
                .containsExactly(100.0, 200.0, 400.0, 800.0, 1_600.0, 1_200.0, 1_400.0, 1_300.0);
        assertThat(found.maxRate()).isEqualTo(1_200);
        assertThat(found.maxRate()).isBetween(1_234 * 7 / 8.0, 1_234.0);
    }

    @Test
    void halvesWhileTheFirstRateFailsThenBisectsUpwards() {
        RateSearch.Result found = RateSearch.find(1_000, 2, 1, 200_000, capacity(300));

        assertThat(found.steps()).extracting(RateSearch.Step::rate)
                .containsExactly(1_000.0, 500.0, 250.0, 375.0, 313.0);
        assertThat(found.maxRate()).isEqualTo(250);
    }

    @Test
    void aPathThatHoldsNothingAboveTheFloorHoldsZero() {
        RateSearch.Result found = RateSearch.find(8, 3, 1, 200_000, capacity(0.5));

        assertThat(found.maxRate()).isZero();
        assertThat(found.steps()).extracting(RateSearch.Step::rate).containsExactly(8.0, 4.0, 2.0, 1.0);
    }

    @Test
    void noRateAboveTheCeilingIsTried() {
        RateSearch.Result found = RateSearch.find(100, 3, 1, 500, capacity(1_000_000));

        assertThat(found.steps()).extracting(RateSearch.Step::rate).containsExactly(100.0, 200.0, 400.0);
        assertThat(found.maxRate()).isEqualTo(400);
    }

    @Test
    void aStepHoldsWithNoErrorsAP99OfAtMostFiftyMillisecondsAndNoBacklog() {
        assertThat(RateSearch.held(step(0, 50.0, false))).isTrue();
        assertThat(RateSearch.held(step(0, 50.1, false))).isFalse();
        assertThat(RateSearch.held(step(1, 3.0, false))).isFalse();
        assertThat(RateSearch.held(step(0, 3.0, true))).isFalse();
        Map<String, Object> nothingAnswered = step(0, 0, false);
        nothingAnswered.put("requests", 0L);
        assertThat(RateSearch.held(nothingAnswered)).isFalse();
    }

    @Test
    void ratesReadAsWholeRequestsPerSecond() {
        assertThat(List.of(RateSearch.rounded(1_234.56), RateSearch.rounded(7.25), RateSearch.rounded(0.449)))
                .containsExactly(1_235.0, 7.3, 0.4);
    }

    private static Map<String, Object> step(long errors, double p99, boolean fellBehind) {
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("requests", 1_000L);
        figures.put("errors", errors);
        figures.put("p99Ms", p99);
        if (fellBehind) {
            figures.put("fellBehind", true);
        }
        return figures;
    }
}
