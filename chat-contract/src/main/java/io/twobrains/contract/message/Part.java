package io.twobrains.contract.message;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** One part of a message, shaped like the AI SDK's UIMessage parts ({@code {"type": "text", ...}}). */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({@JsonSubTypes.Type(value = TextPart.class, name = "text")})
public sealed interface Part permits TextPart {

    /** Characters a part holds, for limits and analytics. */
    int length();
}
