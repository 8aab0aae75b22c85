package io.twobrains.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Finds the highest rate a path holds: a short open-loop step at a rate holds when it had no error,
 * kept up, and its p99 was at most {@value #P99_BOUND_MS} ms. From a first rate the search doubles
 * while steps hold (or halves while they fail), then bisects between the last rate held and the
 * first that failed. A closed loop at a fixed concurrency cannot find this: it measures its own queue.
 */
final class RateSearch {

    static final double P99_BOUND_MS = 50;

    /** One step: the rate asked, whether it held, and its figures. */
    record Step(double rate, boolean held, Map<String, Object> figures) {
    }

    /** The highest rate held (0 when even the floor failed) and every step taken to find it. */
    record Result(double maxRate, List<Step> steps) {
    }

    /** Measures one step at a rate. */
    @FunctionalInterface
    interface Trial {
        Step at(double rate);
    }

    private RateSearch() {
    }

    /** Whether a step's figures hold: no errors, not fallen behind, p99 within the bound. */
    static boolean held(Map<String, Object> figures) {
        return Verdicts.number(figures, "errors") == 0 && !Boolean.TRUE.equals(figures.get("fellBehind"))
                && Verdicts.number(figures, "requests") > 0 && Verdicts.number(figures, "p99Ms") <= P99_BOUND_MS;
    }

    /**
     * @param start      the first rate tried
     * @param bisections steps between the last rate held and the first failed, each halving the gap
     * @param floor      below this the path is taken to hold nothing
     * @param ceiling    no rate above this is tried (what the generator can send)
     */
    static Result find(double start, int bisections, double floor, double ceiling, Trial trial) {
        List<Step> steps = new ArrayList<>();
        double rate = rounded(Math.max(floor, Math.min(start, ceiling)));
        Step first = measure(trial, rate, steps);
        double held;
        double failed;
        if (first.held()) {
            held = rate;
            failed = 0;
            while (failed == 0 && held * 2 <= ceiling) {
                rate = rounded(held * 2);
                if (measure(trial, rate, steps).held()) {
                    held = rate;
                } else {
                    failed = rate;
                }
            }
            if (failed == 0) {
                return new Result(held, steps);
            }
        } else {
            failed = rate;
            held = 0;
            while (held == 0) {
                rate = rounded(failed / 2);
                if (rate < floor) {
                    return new Result(0, steps);
                }
                if (measure(trial, rate, steps).held()) {
                    held = rate;
                } else {
                    failed = rate;
                }
            }
        }
        for (int i = 0; i < bisections; i++) {
            rate = rounded((held + failed) / 2);
            if (rate <= held || rate >= failed) {
                break;
            }
            if (measure(trial, rate, steps).held()) {
                held = rate;
            } else {
                failed = rate;
            }
        }
        return new Result(held, steps);
    }

    private static Step measure(Trial trial, double rate, List<Step> steps) {
        Step step = trial.at(rate);
        steps.add(step);
        return step;
    }

    /** Whole requests per second above ten, a tenth below: figures that read as rates. */
    static double rounded(double rate) {
        return rate >= 10 ? Math.round(rate) : Math.round(rate * 10) / 10.0;
    }
}
