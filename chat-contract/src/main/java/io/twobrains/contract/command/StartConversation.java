package io.twobrains.contract.command;

import io.twobrains.contract.ConversationScoped;

/** Starts a conversation; the title may be null until one is chosen or generated. */
public record StartConversation(String conversationId, String title) implements Command, ConversationScoped {

    @Override
    public <R> R accept(Command.Visitor<R> visitor) {
        return visitor.visit(this);
    }
}
