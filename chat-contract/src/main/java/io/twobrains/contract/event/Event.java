package io.twobrains.contract.event;

/** Something that happened to a user's data. Events are facts in the past tense; the log keeps them forever. */
public sealed interface Event
        permits ConversationStarted, ConversationRenamed, ConversationDeleted, MessageAppended, CommandRejected,
        SettingsChanged, ApiKeyStored, ApiKeyRemoved, McpServerAdded, McpServerChanged, McpServerRemoved, UserErased,
        GenerationStarted, GenerationCompleted, GenerationFailed, GenerationCancelled, MessageSuperseded {

    /** The wire name of the event type. */
    default String type() {
        return getClass().getSimpleName();
    }
}
