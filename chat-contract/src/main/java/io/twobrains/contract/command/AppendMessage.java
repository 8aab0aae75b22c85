package io.twobrains.contract.command;

import io.twobrains.contract.ConversationScoped;
import io.twobrains.contract.message.Part;
import io.twobrains.contract.message.Role;
import java.util.List;

public record AppendMessage(String conversationId, String messageId, Role role, List<Part> parts)
        implements Command, ConversationScoped {

    public AppendMessage {
        parts = parts == null ? null : List.copyOf(parts);
    }

    @Override
    public <R> R accept(Command.Visitor<R> visitor) {
        return visitor.visit(this);
    }
}
