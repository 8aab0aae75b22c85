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

    /** Hands this part to the visitor's method for its type. */
    <R> R accept(Visitor<R> visitor);

    /**
     * One method per part type: whoever decides something for each part implements it, and the
     * compiler tells when a new part type is not decided (Java 17 has no exhaustive switch over a
     * sealed type).
     */
    interface Visitor<R> {

        R visit(TextPart part);

        R visit(ReasoningPart part);

        R visit(ToolPart part);

        R visit(StepStartPart part);
    }
}
