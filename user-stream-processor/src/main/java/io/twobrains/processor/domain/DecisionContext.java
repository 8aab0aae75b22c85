package io.twobrains.processor.domain;

import java.time.Instant;

/** What a decision may know besides the state: the time it is made at, and the quota of each plan. */
public record DecisionContext(Instant now, QuotaPlans plans) {

    public static DecisionContext at(Instant now) {
        return new DecisionContext(now, QuotaPlans.standard());
    }
}
