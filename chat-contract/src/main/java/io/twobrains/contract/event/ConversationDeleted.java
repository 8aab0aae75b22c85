package io.twobrains.contract.event;

import io.twobrains.contract.ConversationScoped;

@SchemaVersion(1)
public record ConversationDeleted(String conversationId) implements Event, ConversationScoped {
}
