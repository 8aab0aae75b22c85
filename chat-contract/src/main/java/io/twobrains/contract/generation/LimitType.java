package io.twobrains.contract.generation;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Which free-message quota a generation ran into. */
public enum LimitType {
    @JsonProperty("daily") DAILY,
    @JsonProperty("monthly") MONTHLY
}
