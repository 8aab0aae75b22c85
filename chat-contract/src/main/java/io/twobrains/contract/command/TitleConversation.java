package io.twobrains.contract.command;

import io.twobrains.contract.ConversationScoped;

/** An automatic title, generated after the first reply; it never replaces a title the user chose. */
public record TitleConversation(String conversationId, String title) implements Command, ConversationScoped {

    @Override
    public <R> R accept(Command.Visitor<R> visitor) {
        return visitor.visit(this);
    }
}
