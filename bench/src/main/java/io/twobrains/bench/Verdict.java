package io.twobrains.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One target of the issue, what was measured against it, and whether it was met. Targets are
 * reported, never asserted: a run that misses one still succeeds.
 */
record Verdict(String target, double measured, boolean met) {

    /** Missed, with 0 as its measure, when nothing was measured ({@code measured} NaN). */
    static Verdict atLeast(String target, double measured, double bound) {
        return Double.isNaN(measured) ? notMeasured(target) : new Verdict(target, Verdicts.ratio(measured), measured >= bound);
    }

    /** Missed when nothing was measured: a ratio of nothing is not under any bound. */
    static Verdict atMost(String target, double measured, double bound) {
        return Double.isNaN(measured) ? notMeasured(target) : new Verdict(target, Verdicts.ratio(measured), measured <= bound);
    }

    private static Verdict notMeasured(String target) {
        return new Verdict(target + ": nothing measured", 0, false);
    }

    Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("target", target);
        map.put("measured", measured);
        map.put("met", met);
        return map;
    }
}
