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
import io.twobrains.contract.command.StartConversation;
import io.twobrains.contract.command.StartGeneration;
import io.twobrains.contract.command.StoreApiKey;
import io.twobrains.contract.command.TitleConversation;
import io.twobrains.contract.event.UserErased;

/** decide(command, state): the events a command causes, or its rejection. Pure: the clock comes in. */
public final class Decide {

    private Decide() {
    }

    public static Decision decide(Command command, Slice state, DecisionContext context) {
        if (command instanceof StartConversation start) {
            return ConversationDecisions.start(start, state);
        }
        if (command instanceof RenameConversation rename) {
            return ConversationDecisions.rename(rename, state);
        }
        if (command instanceof DeleteConversation delete) {
            return ConversationDecisions.delete(delete, state);
        }
        if (command instanceof AppendMessage append) {
            return ConversationDecisions.append(append, state);
        }
        if (command instanceof ChangeSettings change) {
            return ProfileDecisions.changeSettings(change, state);
        }
        if (command instanceof StoreApiKey store) {
            return ProfileDecisions.storeKey(store);
        }
        if (command instanceof RemoveApiKey remove) {
            return ProfileDecisions.removeKey(remove, state);
        }
        if (command instanceof AddMcpServer add) {
            return ProfileDecisions.addServer(add, state);
        }
        if (command instanceof ChangeMcpServer change) {
            return ProfileDecisions.changeServer(change, state);
        }
        if (command instanceof RemoveMcpServer remove) {
            return ProfileDecisions.removeServer(remove, state);
        }
        if (command instanceof EraseUser) {
            return Decision.accept(new UserErased());
        }
        if (command instanceof StartGeneration start) {
            return GenerationDecisions.start(start, state, context);
        }
        if (command instanceof CompleteGeneration complete) {
            return GenerationDecisions.complete(complete, state);
        }
        if (command instanceof TitleConversation title) {
            return GenerationDecisions.title(title, state);
        }
        throw new IllegalArgumentException("no decision for " + command.type());
    }
}
