package io.twobrains.contract.event;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.twobrains.contract.ConversationScoped;
import io.twobrains.contract.Nullable;

@JsonClassDescription("A conversation was started.")
@SchemaVersion(1)
public record ConversationStarted(
        @JsonPropertyDescription("The conversation, unique among the user's conversations.") String conversationId,
        @JsonPropertyDescription("Its title, or absent until one is chosen or generated. Encrypted: sealed with the user's data key (tbc1.…).") @Nullable String title)
        implements Event, ConversationScoped {

    @Override
    public <R> R accept(Event.Visitor<R> visitor) {
        return visitor.visit(this);
    }
}
