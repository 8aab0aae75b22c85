package io.twobrains.contract.command;

import io.twobrains.contract.ConversationScoped;
import io.twobrains.contract.Nullable;
import io.twobrains.contract.ProfileScoped;
import io.twobrains.contract.message.Part;
import java.util.List;

/**
 * Starts a completion, atomically with what it answers: the conversation is created if it is missing
 * and asked for, the user's message is appended, and the free quota of the plan is checked, all in
 * one decision. A refusal writes none of it.
 *
 * @param messageId          the id the assistant's reply will have
 * @param prompt             the user's new message; absent when regenerating
 * @param createConversation create the conversation if it does not exist
 * @param regenerates        the assistant message this reply replaces, when regenerating
 */
public record StartGeneration(String generationId, String conversationId, String model, String provider,
        @Nullable String plan, @Nullable String messageId, @Nullable Prompt prompt, boolean createConversation,
        @Nullable String regenerates) implements Command, ProfileScoped, ConversationScoped {

    /** The user's message that a generation answers. */
    public record Prompt(String messageId, List<Part> parts) {

        public Prompt {
            parts = parts == null ? null : List.copyOf(parts);
        }
    }

    /** A generation with no new message, in an existing conversation (the form tests and tools use). */
    public static StartGeneration bare(String generationId, String conversationId, String model, String provider,
            @Nullable String plan) {
        return new StartGeneration(generationId, conversationId, model, provider, plan, null, null, false, null);
    }

    @Override
    public <R> R accept(Command.Visitor<R> visitor) {
        return visitor.visit(this);
    }
}
