package io.twobrains.processor.domain;

import io.twobrains.contract.ConversationScoped;
import io.twobrains.contract.event.ApiKeyRemoved;
import io.twobrains.contract.event.ApiKeyStored;
import io.twobrains.contract.event.CommandRejected;
import io.twobrains.contract.event.ConversationRenamed;
import io.twobrains.contract.event.ConversationStarted;
import io.twobrains.contract.event.EventEnvelope;
import io.twobrains.contract.event.GenerationStarted;
import io.twobrains.contract.event.McpServerAdded;
import io.twobrains.contract.event.McpServerChanged;
import io.twobrains.contract.event.MessageAppended;
import io.twobrains.contract.event.SettingsChanged;
import io.twobrains.contract.reply.Reply;
import io.twobrains.contract.view.ConversationView;
import io.twobrains.contract.view.McpServerView;
import io.twobrains.contract.view.MessageView;
import io.twobrains.contract.view.SettingsView;

/**
 * The reply a command earns, derived from its last event and the state after it. Because it depends
 * only on the log, a rebuild recomputes exactly the replies that were sent.
 */
public final class Replies {

    private Replies() {
    }

    public static Reply after(EventEnvelope last, Slice state) {
        if (last.payload() instanceof CommandRejected rejected) {
            return Reply.rejected(last.commandId(), last.userId(), last.seq(), rejected.code(), rejected.reason(),
                    rejected.limitType(), rejected.resetsAt());
        }
        // Only what both a live command and a rebuild's event load may shape the reply.
        boolean aboutConversation = last.payload() instanceof ConversationStarted
                || last.payload() instanceof ConversationRenamed || last.payload() instanceof MessageAppended
                || last.payload() instanceof GenerationStarted;
        ConversationView conversation = aboutConversation
                ? state.conversation(((ConversationScoped) last.payload()).conversationId()).map(Conversation::view).orElse(null)
                : null;
        MessageView message = last.payload() instanceof MessageAppended appended
                ? state.appended().stream()
                        .filter(m -> m.id().equals(appended.messageId())
                                && m.conversationId().equals(appended.conversationId()))
                        .reduce((first, second) -> second)
                        .map(Message::view)
                        .orElse(null)
                : null;
        boolean aboutSettings = last.payload() instanceof SettingsChanged || last.payload() instanceof ApiKeyStored
                || last.payload() instanceof ApiKeyRemoved;
        SettingsView settings = aboutSettings ? state.profile().view() : null;
        McpServerView server = null;
        if (last.payload() instanceof McpServerAdded added) {
            server = state.profile().mcpServers().get(added.serverId()).view();
        } else if (last.payload() instanceof McpServerChanged changed) {
            server = state.profile().mcpServers().get(changed.serverId()).view();
        }
        return Reply.accepted(last.commandId(), last.userId(), last.seq(), conversation, message, settings, server);
    }
}
