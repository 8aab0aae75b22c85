package io.twobrains.contract.command;

/** Something a user asks for. Commands are imperative; the processor decides what they become. */
public sealed interface Command permits StartConversation, RenameConversation, DeleteConversation, AppendMessage,
        ChangeSettings, StoreApiKey, RemoveApiKey, AddMcpServer, ChangeMcpServer, RemoveMcpServer, EraseUser,
        StartGeneration, CompleteGeneration, TitleConversation, ResealSecrets {

    /** The wire name of the command type. */
    default String type() {
        return getClass().getSimpleName();
    }

    /** Hands this command to the visitor's method for its type. */
    <R> R accept(Visitor<R> visitor);

    /**
     * One method per command type: whoever handles commands implements it, and the compiler tells
     * when a new command is not handled (Java 17 has no exhaustive switch over a sealed type).
     */
    interface Visitor<R> {

        R visit(StartConversation command);

        R visit(RenameConversation command);

        R visit(DeleteConversation command);

        R visit(AppendMessage command);

        R visit(ChangeSettings command);

        R visit(StoreApiKey command);

        R visit(RemoveApiKey command);

        R visit(AddMcpServer command);

        R visit(ChangeMcpServer command);

        R visit(RemoveMcpServer command);

        R visit(EraseUser command);

        R visit(StartGeneration command);

        R visit(CompleteGeneration command);

        R visit(TitleConversation command);

        R visit(ResealSecrets command);
    }
}
