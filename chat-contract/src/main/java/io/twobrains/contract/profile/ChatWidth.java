package io.twobrains.contract.profile;

import com.fasterxml.jackson.annotation.JsonProperty;

public enum ChatWidth {
    @JsonProperty("narrow") NARROW,
    @JsonProperty("default") DEFAULT,
    @JsonProperty("wide") WIDE
}
