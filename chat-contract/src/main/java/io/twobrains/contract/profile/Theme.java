package io.twobrains.contract.profile;

import com.fasterxml.jackson.annotation.JsonProperty;

public enum Theme {
    @JsonProperty("system") SYSTEM,
    @JsonProperty("light") LIGHT,
    @JsonProperty("dark") DARK
}
