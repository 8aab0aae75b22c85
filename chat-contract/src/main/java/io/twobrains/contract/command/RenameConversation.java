package io.twobrains.contract.command;

import io.twobrains.contract.ConversationScoped;

/** A rename chosen by the user (automatic titles are recorded by the generation flow). */
public record RenameConversation(String conversationId, String title) implements Command, ConversationScoped {

    @Override
    public <R> R accept(Command.Visitor<R> visitor) {
        return visitor.visit(this);
    }
}
