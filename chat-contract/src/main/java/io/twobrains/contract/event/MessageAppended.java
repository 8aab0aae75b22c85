package io.twobrains.contract.event;

import io.twobrains.contract.ConversationScoped;
import io.twobrains.contract.message.Part;
import io.twobrains.contract.message.Role;
import java.util.List;

@SchemaVersion(1)
public record MessageAppended(String conversationId, String messageId, Role role, List<Part> parts)
        implements Event, ConversationScoped {

    public MessageAppended {
        parts = List.copyOf(parts);
    }
}
