package io.twobrains.contract.event;

/** Something that happened to a user's data. Events are facts in the past tense; the log keeps them forever. */
public sealed interface Event
        permits ConversationStarted, ConversationRenamed, ConversationDeleted, MessageAppended, CommandRejected,
        SettingsChanged, ApiKeyStored, ApiKeyRemoved, McpServerAdded, McpServerChanged, McpServerRemoved, UserErased,
        GenerationStarted, GenerationCompleted, GenerationFailed, GenerationCancelled, MessageSuperseded,
        SecretsResealed {

    /** The wire name of the event type. */
    default String type() {
        return getClass().getSimpleName();
    }

    /** Hands this event to the visitor's method for its type. */
    <R> R accept(Visitor<R> visitor);

    /**
     * One method per event type: whoever folds or reads events implements it, and the compiler tells
     * when a new event is not handled.
     */
    interface Visitor<R> {

        R visit(ConversationStarted event);

        R visit(ConversationRenamed event);

        R visit(ConversationDeleted event);

        R visit(MessageAppended event);

        R visit(CommandRejected event);

        R visit(SettingsChanged event);

        R visit(ApiKeyStored event);

        R visit(ApiKeyRemoved event);

        R visit(McpServerAdded event);

        R visit(McpServerChanged event);

        R visit(McpServerRemoved event);

        R visit(UserErased event);

        R visit(GenerationStarted event);

        R visit(GenerationCompleted event);

        R visit(GenerationFailed event);

        R visit(GenerationCancelled event);

        R visit(MessageSuperseded event);

        R visit(SecretsResealed event);
    }
}
