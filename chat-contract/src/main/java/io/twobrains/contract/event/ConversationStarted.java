package io.twobrains.contract.event;

import io.twobrains.contract.ConversationScoped;

@SchemaVersion(1)
public record ConversationStarted(String conversationId, String title) implements Event, ConversationScoped {
}
