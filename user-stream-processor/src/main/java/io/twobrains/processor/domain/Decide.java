package io.twobrains.processor.domain;

import io.twobrains.contract.command.AddMcpServer;
import io.twobrains.contract.command.AppendMessage;
import io.twobrains.contract.command.ChangeMcpServer;
import io.twobrains.contract.command.ChangeSettings;
import io.twobrains.contract.command.Command;
import io.twobrains.contract.command.CompleteGeneration;
import io.twobrains.contract.command.DeleteConversation;
import io.twobrains.contract.command.EraseUser;
import io.twobrains.contract.command.RemoveApiKey;
import io.twobrains.contract.command.RemoveMcpServer;
import io.twobrains.contract.command.RenameConversation;
import io.twobrains.contract.command.ResealSecrets;
import io.twobrains.contract.command.StartConversation;
import io.twobrains.contract.command.StartGeneration;
import io.twobrains.contract.command.StoreApiKey;
import io.twobrains.contract.command.TitleConversation;
import io.twobrains.contract.event.UserErased;

/**
 * decide(command, state): the events a command causes, or its rejection. Pure: the clock comes in.
 * One method per command type, so a new command does not compile until it is decided here.
 */
public final class Decide implements Command.Visitor<Decision> {

    private final Slice state;
    private final DecisionContext context;

    private Decide(Slice state, DecisionContext context) {
        this.state = state;
        this.context = context;
    }

    public static Decision decide(Command command, Slice state, DecisionContext context) {
        return command.accept(new Decide(state, context));
    }

    @Override
    public Decision visit(StartConversation command) {
        return ConversationDecisions.start(command, state);
    }

    @Override
    public Decision visit(RenameConversation command) {
        return ConversationDecisions.rename(command, state);
    }

    @Override
    public Decision visit(DeleteConversation command) {
        return ConversationDecisions.delete(command, state);
    }

    @Override
    public Decision visit(AppendMessage command) {
        return ConversationDecisions.append(command, state);
    }

    @Override
    public Decision visit(ChangeSettings command) {
        return ProfileDecisions.changeSettings(command, state);
    }

    @Override
    public Decision visit(StoreApiKey command) {
        return ProfileDecisions.storeKey(command);
    }

    @Override
    public Decision visit(RemoveApiKey command) {
        return ProfileDecisions.removeKey(command, state);
    }

    @Override
    public Decision visit(AddMcpServer command) {
        return ProfileDecisions.addServer(command, state);
    }

    @Override
    public Decision visit(ChangeMcpServer command) {
        return ProfileDecisions.changeServer(command, state);
    }

    @Override
    public Decision visit(RemoveMcpServer command) {
        return ProfileDecisions.removeServer(command, state);
    }

    @Override
    public Decision visit(ResealSecrets command) {
        return ResealDecisions.reseal(command, state);
    }

    @Override
    public Decision visit(EraseUser command) {
        return Decision.accept(new UserErased());
    }

    @Override
    public Decision visit(StartGeneration command) {
        return GenerationDecisions.start(command, state, context);
    }

    @Override
    public Decision visit(CompleteGeneration command) {
        return GenerationDecisions.complete(command, state);
    }

    @Override
    public Decision visit(TitleConversation command) {
        return GenerationDecisions.title(command, state);
    }
}
