package io.twobrains.processor.domain;

import io.twobrains.contract.event.ApiKeyRemoved;
import io.twobrains.contract.event.ApiKeyStored;
import io.twobrains.contract.event.CommandRejected;
import io.twobrains.contract.event.ConversationDeleted;
import io.twobrains.contract.event.ConversationRenamed;
import io.twobrains.contract.event.ConversationStarted;
import io.twobrains.contract.event.Event;
import io.twobrains.contract.event.EventEnvelope;
import io.twobrains.contract.event.GenerationCancelled;
import io.twobrains.contract.event.GenerationCompleted;
import io.twobrains.contract.event.GenerationFailed;
import io.twobrains.contract.event.GenerationStarted;
import io.twobrains.contract.event.McpServerAdded;
import io.twobrains.contract.event.McpServerChanged;
import io.twobrains.contract.event.McpServerRemoved;
import io.twobrains.contract.event.MessageAppended;
import io.twobrains.contract.event.MessageSuperseded;
import io.twobrains.contract.event.SecretsResealed;
import io.twobrains.contract.event.SettingsChanged;
import io.twobrains.contract.event.UserErased;
import io.twobrains.contract.reply.Reply;
import io.twobrains.contract.view.ConversationView;
import io.twobrains.contract.view.MessageView;

/**
 * The reply a command earns, derived from its last event and the state after it. Because it depends
 * only on the log, a rebuild recomputes exactly the replies that were sent.
 */
public final class Replies implements Event.Visitor<Reply> {

    private final EventEnvelope last;
    private final Slice state;

    private Replies(EventEnvelope last, Slice state) {
        this.last = last;
        this.state = state;
    }

    public static Reply after(EventEnvelope last, Slice state) {
        return last.payload().accept(new Replies(last, state));
    }

    @Override
    public Reply visit(CommandRejected rejected) {
        return Reply.rejected(last.commandId(), last.userId(), last.seq(), rejected.code(), rejected.reason(),
                rejected.limitType(), rejected.resetsAt());
    }

    @Override
    public Reply visit(ConversationStarted event) {
        return withConversation(event.conversationId());
    }

    @Override
    public Reply visit(ConversationRenamed event) {
        return withConversation(event.conversationId());
    }

    @Override
    public Reply visit(GenerationStarted event) {
        return withConversation(event.conversationId());
    }

    /** The message as stored: the one appended last with that id. */
    @Override
    public Reply visit(MessageAppended event) {
        MessageView message = state.appended().stream()
                .filter(m -> m.id().equals(event.messageId()) && m.conversationId().equals(event.conversationId()))
                .reduce((first, second) -> second)
                .map(Message::view)
                .orElse(null);
        ConversationView conversation = state.conversation(event.conversationId()).map(Conversation::view).orElse(null);
        return Reply.accepted(last.commandId(), last.userId(), last.seq(), conversation, message, null, null);
    }

    @Override
    public Reply visit(SettingsChanged event) {
        return withSettings();
    }

    @Override
    public Reply visit(ApiKeyStored event) {
        return withSettings();
    }

    @Override
    public Reply visit(ApiKeyRemoved event) {
        return withSettings();
    }

    @Override
    public Reply visit(McpServerAdded event) {
        return Reply.accepted(last.commandId(), last.userId(), last.seq(), null, null, null,
                state.profile().mcpServers().get(event.serverId()).view());
    }

    @Override
    public Reply visit(McpServerChanged event) {
        return Reply.accepted(last.commandId(), last.userId(), last.seq(), null, null, null,
                state.profile().mcpServers().get(event.serverId()).view());
    }

    @Override
    public Reply visit(ConversationDeleted event) {
        return plain();
    }

    @Override
    public Reply visit(McpServerRemoved event) {
        return plain();
    }

    /** Nothing the user would see changed: the same secrets, sealed anew. */
    @Override
    public Reply visit(SecretsResealed event) {
        return plain();
    }

    @Override
    public Reply visit(UserErased event) {
        return plain();
    }

    @Override
    public Reply visit(GenerationCompleted event) {
        return plain();
    }

    @Override
    public Reply visit(GenerationFailed event) {
        return plain();
    }

    @Override
    public Reply visit(GenerationCancelled event) {
        return plain();
    }

    @Override
    public Reply visit(MessageSuperseded event) {
        return plain();
    }

    private Reply withConversation(String conversationId) {
        return Reply.accepted(last.commandId(), last.userId(), last.seq(),
                state.conversation(conversationId).map(Conversation::view).orElse(null), null, null, null);
    }

    private Reply withSettings() {
        return Reply.accepted(last.commandId(), last.userId(), last.seq(), null, null, state.profile().view(), null);
    }

    private Reply plain() {
        return Reply.accepted(last.commandId(), last.userId(), last.seq(), null, null, null, null);
    }
}
