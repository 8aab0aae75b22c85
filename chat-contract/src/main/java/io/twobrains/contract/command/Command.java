package io.twobrains.contract.command;

/** Something a user asks for. Commands are imperative; the processor decides what they become. */
public sealed interface Command permits StartConversation, RenameConversation, DeleteConversation, AppendMessage,
        ChangeSettings, StoreApiKey, RemoveApiKey, AddMcpServer, ChangeMcpServer, RemoveMcpServer, EraseUser,
        StartGeneration, CompleteGeneration, TitleConversation {

    /** The wire name of the command type. */
    default String type() {
        return getClass().getSimpleName();
    }
}
