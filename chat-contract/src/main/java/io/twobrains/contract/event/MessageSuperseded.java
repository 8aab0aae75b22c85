package io.twobrains.contract.event;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.twobrains.contract.ConversationScoped;

@JsonClassDescription("An assistant reply was replaced by a regenerated one; it leaves the conversation, and the log keeps it.")
@SchemaVersion(1)
public record MessageSuperseded(
        @JsonPropertyDescription("The conversation.") String conversationId,
        @JsonPropertyDescription("The replaced message.") String messageId,
        @JsonPropertyDescription("The message that replaces it.") String supersededBy)
        implements Event, ConversationScoped {

    @Override
    public <R> R accept(Event.Visitor<R> visitor) {
        return visitor.visit(this);
    }
}
