package io.twobrains.contract.message;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Who wrote a message, named as in the AI SDK's UIMessage. */
public enum Role {
    @JsonProperty("system") SYSTEM,
    @JsonProperty("user") USER,
    @JsonProperty("assistant") ASSISTANT
}
