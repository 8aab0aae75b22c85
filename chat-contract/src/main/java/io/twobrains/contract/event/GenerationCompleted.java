package io.twobrains.contract.event;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.twobrains.contract.ConversationScoped;
import io.twobrains.contract.Nullable;
import io.twobrains.contract.ProfileScoped;
import io.twobrains.contract.generation.TokenUsage;

@JsonClassDescription("A completion ended normally, with its usage; its reply is the MessageAppended just before it.")
@SchemaVersion(1)
public record GenerationCompleted(
        @JsonPropertyDescription("The generation.") String generationId,
        @JsonPropertyDescription("The conversation.") String conversationId,
        @JsonPropertyDescription("The model.") String model,
        @JsonPropertyDescription("The provider.") String provider,
        @JsonPropertyDescription("Whether it ran on the user's own key.") boolean byok,
        @JsonPropertyDescription("stop, length, tool-calls, content-filter, error or other.") String finishReason,
        @JsonPropertyDescription("Tokens used.") TokenUsage usage,
        @JsonPropertyDescription("From start to the last token.") long latencyMs,
        @JsonPropertyDescription("The reply's message id, if a reply was recorded.") @Nullable String messageId)
        implements Event, ProfileScoped, ConversationScoped, GenerationEnded {

    @Override
    public <R> R accept(Event.Visitor<R> visitor) {
        return visitor.visit(this);
    }
}
