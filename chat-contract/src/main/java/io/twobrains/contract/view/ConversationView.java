package io.twobrains.contract.view;

import io.twobrains.contract.content.Redacted;
import java.time.Instant;

public record ConversationView(String id, String title, Instant createdAt, Instant updatedAt, long messageCount) {

    @Override
    public String toString() {
        return "ConversationView[id=" + id + ", title=" + Redacted.of(title) + ", createdAt=" + createdAt + ", updatedAt="
                + updatedAt + ", messageCount=" + messageCount + "]";
    }
}
