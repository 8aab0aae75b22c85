package io.twobrains.contract.view;

import java.time.Instant;

public record ConversationView(String id, String title, Instant createdAt, Instant updatedAt, long messageCount) {
}
