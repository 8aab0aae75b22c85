package io.twobrains.contract.message;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * One part of a message, shaped like the AI SDK's UIMessage parts ({@code {"type": "text", ...}}), so
 * a stored message is what {@code useChat} renders, with no mapping in between.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = TextPart.class, name = "text"),
        @JsonSubTypes.Type(value = ReasoningPart.class, name = "reasoning"),
        @JsonSubTypes.Type(value = ToolPart.class, name = "dynamic-tool"),
        @JsonSubTypes.Type(value = StepStartPart.class, name = "step-start")})
public sealed interface Part permits TextPart, ReasoningPart, ToolPart, StepStartPart {

    /** Characters a part holds, for limits and analytics. */
    int length();
}
