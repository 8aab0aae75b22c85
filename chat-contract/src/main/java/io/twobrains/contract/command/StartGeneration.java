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
 * @param runner             the node process that runs the generation (its instance id): while that process
 *                           lives, the generation is its to end; once it is gone, the processor ends it as failed
 */
public record StartGeneration(String generationId, String conversationId, String model, String provider,
        @Nullable String plan, @Nullable String messageId, @Nullable Prompt prompt, boolean createConversation,
        @Nullable String regenerates, @Nullable String runner) implements Command, ProfileScoped, ConversationScoped {

    /** A start with no runner named (tools and tests): only the processor's long timeout ends it if it is lost. */
    public StartGeneration(String generationId, String conversationId, String model, String provider,
            @Nullable String plan, @Nullable String messageId, @Nullable Prompt prompt, boolean createConversation,
            @Nullable String regenerates) {
        this(generationId, conversationId, model, provider, plan, messageId, prompt, createConversation, regenerates, null);
    }

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
