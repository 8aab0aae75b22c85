package io.twobrains.contract.event;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.twobrains.contract.ConversationScoped;

@JsonClassDescription("A conversation and all its messages were deleted.")
@SchemaVersion(1)
public record ConversationDeleted(@JsonPropertyDescription("The conversation.") String conversationId)
        implements Event, ConversationScoped {

    @Override
    public <R> R accept(Event.Visitor<R> visitor) {
        return visitor.visit(this);
    }
}
