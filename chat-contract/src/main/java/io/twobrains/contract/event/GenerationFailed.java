package io.twobrains.contract.event;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.twobrains.contract.ConversationScoped;
import io.twobrains.contract.Nullable;
import io.twobrains.contract.ProfileScoped;
import io.twobrains.contract.generation.TokenUsage;

@JsonClassDescription("A completion failed (provider error, timeout, or abandoned); any partial reply is the MessageAppended just before it.")
@SchemaVersion(1)
public record GenerationFailed(
        @JsonPropertyDescription("The generation.") String generationId,
        @JsonPropertyDescription("The conversation.") String conversationId,
        @JsonPropertyDescription("The model.") String model,
        @JsonPropertyDescription("The provider.") String provider,
        @JsonPropertyDescription("Whether it ran on the user's own key.") boolean byok,
        @JsonPropertyDescription("Why it failed, with no secret in it.") String error,
        @JsonPropertyDescription("Tokens used before it failed, as far as known.") TokenUsage usage,
        @JsonPropertyDescription("From start to the failure.") long latencyMs,
        @JsonPropertyDescription("The partial reply's message id, if one was recorded.") @Nullable String messageId)
        implements Event, ProfileScoped, ConversationScoped, GenerationEnded {

    @Override
    public <R> R accept(Event.Visitor<R> visitor) {
        return visitor.visit(this);
    }
}
