package io.twobrains.contract.event;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.twobrains.contract.ConversationScoped;

/** Version 2 added {@code source}; version 1 payloads are upcast as manual renames. */
@JsonClassDescription("A conversation got a new title, chosen by the user or generated after a reply.")
@SchemaVersion(2)
public record ConversationRenamed(
        @JsonPropertyDescription("The conversation.") String conversationId,
        @JsonPropertyDescription("The new title (1 to 80 characters). Encrypted: sealed with the user's data key (tbc1.…, see docs/event-log.md).") String title,
        @JsonPropertyDescription("manual (the user) or auto (generated).") TitleSource source)
        implements Event, ConversationScoped {

    @Override
    public <R> R accept(Event.Visitor<R> visitor) {
        return visitor.visit(this);
    }
}
