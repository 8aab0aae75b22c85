package io.twobrains.processor.domain;

import io.twobrains.contract.Nullable;
import io.twobrains.contract.event.TitleSource;
import io.twobrains.contract.view.ConversationView;
import java.time.Instant;

/**
 * One conversation of a user.
 *
 * @param lastPosition  the position of the newest message; positions only grow, so pages stay stable
 * @param lastMessageId the id of the newest message, null when there is none or it was replaced
 */
public record Conversation(String id, @Nullable String title, @Nullable TitleSource titleSource, Instant createdAt,
        Instant updatedAt, long messageCount, long lastPosition, @Nullable String lastMessageId) {

    Conversation renamed(String newTitle, TitleSource source, Instant at) {
        return new Conversation(id, newTitle, source, createdAt, at, messageCount, lastPosition, lastMessageId);
    }

    Conversation withMessageAt(long position, String messageId, Instant at) {
        return new Conversation(id, title, titleSource, createdAt, at, messageCount + 1, position, messageId);
    }

    Conversation withoutMessage(String messageId, Instant at) {
        String last = messageId.equals(lastMessageId) ? null : lastMessageId;
        return new Conversation(id, title, titleSource, createdAt, at, messageCount - 1, lastPosition, last);
    }

    /** Whether a generated title may be given: the user has not chosen one. */
    public boolean acceptsAutoTitle() {
        return titleSource != TitleSource.MANUAL;
    }

    public ConversationView view() {
        return new ConversationView(id, title, createdAt, updatedAt, messageCount);
    }
}
