package io.twobrains.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One target of the issue, what was measured against it, and whether it was met. Targets are
 * reported, never asserted: a run that misses one still succeeds.
 */
record Verdict(String target, double measured, boolean met) {

    static Verdict atLeast(String target, double measured, double bound) {
        return new Verdict(target, Verdicts.ratio(measured), measured >= bound);
    }

    static Verdict atMost(String target, double measured, double bound) {
        return new Verdict(target, Verdicts.ratio(measured), measured <= bound);
    }

    Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("target", target);
        map.put("measured", measured);
        map.put("met", met);
        return map;
    }
}
