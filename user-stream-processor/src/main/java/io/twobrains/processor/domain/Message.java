package io.twobrains.processor.domain;

import io.twobrains.contract.message.Part;
import io.twobrains.contract.message.Role;
import io.twobrains.contract.view.MessageView;
import java.time.Instant;
import java.util.List;

/** One message at its position in a conversation. */
public record Message(String conversationId, String id, long position, Role role, List<Part> parts,
        Instant createdAt) {

    public Message {
        parts = List.copyOf(parts);
    }

    public MessageView view() {
        return new MessageView(id, role, parts, createdAt);
    }
}
