package io.twobrains.processor.domain;

import io.twobrains.contract.event.TitleSource;
import io.twobrains.contract.view.ConversationView;
import java.time.Instant;

/**
 * One conversation of a user.
 *
 * @param lastPosition the position of the newest message; positions only grow, so pages stay stable
 */
public record Conversation(String id, String title, TitleSource titleSource, Instant createdAt, Instant updatedAt,
        long messageCount, long lastPosition) {

    Conversation renamed(String newTitle, TitleSource source, Instant at) {
        return new Conversation(id, newTitle, source, createdAt, at, messageCount, lastPosition);
    }

    Conversation withMessageAt(long position, Instant at) {
        return new Conversation(id, title, titleSource, createdAt, at, messageCount + 1, position);
    }

    Conversation withoutMessage(Instant at) {
        return new Conversation(id, title, titleSource, createdAt, at, messageCount - 1, lastPosition);
    }

    /** Whether a generated title may be given: the user has not chosen one. */
    public boolean acceptsAutoTitle() {
        return titleSource != TitleSource.MANUAL;
    }

    public ConversationView view() {
        return new ConversationView(id, title, createdAt, updatedAt, messageCount);
    }
}
