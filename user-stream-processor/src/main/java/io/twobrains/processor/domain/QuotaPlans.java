package io.twobrains.processor.domain;

import java.util.Map;

/**
 * Free generations allowed per UTC day and per calendar month (UTC), by plan. A user without a
 * {@code plan} claim, or with an unknown one, gets the default limits.
 */
public record QuotaPlans(Limits defaults, Map<String, Limits> plans) {

    public record Limits(long daily, long monthly) {
    }

    public QuotaPlans {
        plans = Map.copyOf(plans);
    }

    public static QuotaPlans standard() {
        return new QuotaPlans(new Limits(50, 500), Map.of());
    }

    public Limits forPlan(String plan) {
        return plan == null ? defaults : plans.getOrDefault(plan, defaults);
    }
}
