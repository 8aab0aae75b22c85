package io.twobrains.contract.event;

import io.twobrains.contract.ConversationScoped;

/** Version 2 added {@code source}; version 1 payloads are upcast as manual renames. */
@SchemaVersion(2)
public record ConversationRenamed(String conversationId, String title, TitleSource source)
        implements Event, ConversationScoped {
}
