package io.twobrains.contract.generation;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How a generation ended. */
public enum Ending {
    @JsonProperty("completed") COMPLETED,
    @JsonProperty("failed") FAILED,
    @JsonProperty("cancelled") CANCELLED
}
