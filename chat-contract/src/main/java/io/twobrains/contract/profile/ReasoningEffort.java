package io.twobrains.contract.profile;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How hard a reasoning model should think; mapped per provider when a completion is made. */
public enum ReasoningEffort {
    @JsonProperty("off") OFF,
    @JsonProperty("low") LOW,
    @JsonProperty("medium") MEDIUM,
    @JsonProperty("high") HIGH
}
