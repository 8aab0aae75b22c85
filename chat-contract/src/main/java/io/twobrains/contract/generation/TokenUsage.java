package io.twobrains.contract.generation;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Tokens a completion used, as its provider reported them. */
public record TokenUsage(
        @JsonPropertyDescription("Prompt tokens.") long input,
        @JsonPropertyDescription("Completion tokens.") long output,
        @JsonPropertyDescription("Reasoning tokens (part of output for most providers).") long reasoning) {

    public static final TokenUsage NONE = new TokenUsage(0, 0, 0);

    public long total() {
        return input + output;
    }
}
