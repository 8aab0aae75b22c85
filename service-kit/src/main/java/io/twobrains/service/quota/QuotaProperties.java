package io.twobrains.service.quota;

import jakarta.validation.constraints.Min;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The free quota, defined once for the services that enforce it (the processor) and show it (the
 * query API): free generations per UTC day and per calendar month (UTC), and limits per {@code plan}
 * claim.
 */
@Validated
@ConfigurationProperties("twobrains.quota")
public record QuotaProperties(@DefaultValue("50") @Min(0) long daily, @DefaultValue("500") @Min(0) long monthly,
        Map<String, Plan> plans) {

    public record Plan(@Min(0) long daily, @Min(0) long monthly) {
    }

    public QuotaProperties {
        plans = plans == null ? Map.of() : Map.copyOf(plans);
    }

    /** The limits of a plan; no plan, or an unknown one, gets the defaults. */
    public Plan forPlan(String plan) {
        return plan == null ? new Plan(daily, monthly) : plans.getOrDefault(plan, new Plan(daily, monthly));
    }
}
