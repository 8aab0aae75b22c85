package io.twobrains.contract.event;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.twobrains.contract.ConversationScoped;
import io.twobrains.contract.Nullable;
import io.twobrains.contract.ProfileScoped;

@JsonClassDescription("A completion started; free ones count against the quota of the plan.")
@SchemaVersion(1)
public record GenerationStarted(
        @JsonPropertyDescription("The generation.") String generationId,
        @JsonPropertyDescription("The conversation it answers in.") String conversationId,
        @JsonPropertyDescription("The model id from the catalog.") String model,
        @JsonPropertyDescription("The provider of the model.") String provider,
        @JsonPropertyDescription("Whether it runs on the user's own key (then it does not use the free quota).") boolean byok,
        @JsonPropertyDescription("Free generations of the UTC day, this one included.") long dailyCount,
        @JsonPropertyDescription("Free generations of the UTC month, this one included.") long monthlyCount,
        @JsonPropertyDescription("The id the assistant's reply will have.") @Nullable String messageId,
        @JsonPropertyDescription("The assistant message this reply replaces (a regeneration).") @Nullable String regenerates,
        @JsonPropertyDescription("The node process that runs it (an opaque instance id); absent in events written before it was recorded.") @Nullable String runner)
        implements Event, ProfileScoped, ConversationScoped {

    /** A start whose runner is not recorded. */
    public GenerationStarted(String generationId, String conversationId, String model, String provider, boolean byok,
            long dailyCount, long monthlyCount, @Nullable String messageId, @Nullable String regenerates) {
        this(generationId, conversationId, model, provider, byok, dailyCount, monthlyCount, messageId, regenerates, null);
    }

    @Override
    public <R> R accept(Event.Visitor<R> visitor) {
        return visitor.visit(this);
    }
}
