package io.twobrains.contract.command;

import io.twobrains.contract.ConversationScoped;

public record DeleteConversation(String conversationId) implements Command, ConversationScoped {

    @Override
    public <R> R accept(Command.Visitor<R> visitor) {
        return visitor.visit(this);
    }
}
