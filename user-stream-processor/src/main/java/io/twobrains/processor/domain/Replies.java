package io.twobrains.processor.domain;

import io.twobrains.contract.ConversationScoped;
import io.twobrains.contract.event.CommandRejected;
import io.twobrains.contract.event.EventEnvelope;
import io.twobrains.contract.event.MessageAppended;
import io.twobrains.contract.reply.Reply;
import io.twobrains.contract.view.ConversationView;
import io.twobrains.contract.view.MessageView;

/**
 * The reply a command earns, derived from its last event and the state after it. Because it depends
 * only on the log, a rebuild recomputes exactly the replies that were sent.
 */
public final class Replies {

    private Replies() {
    }

    public static Reply after(EventEnvelope last, Slice state) {
        if (last.payload() instanceof CommandRejected rejected) {
            return Reply.rejected(last.commandId(), last.userId(), last.seq(), rejected.code(), rejected.reason());
        }
        ConversationView conversation = last.payload() instanceof ConversationScoped scoped
                ? state.conversation(scoped.conversationId()).map(Conversation::view).orElse(null)
                : null;
        MessageView message = last.payload() instanceof MessageAppended appended
                ? state.appended().stream()
                        .filter(m -> m.id().equals(appended.messageId())
                                && m.conversationId().equals(appended.conversationId()))
                        .reduce((first, second) -> second)
                        .map(Message::view)
                        .orElse(null)
                : null;
        return Reply.accepted(last.commandId(), last.userId(), last.seq(), conversation, message);
    }
}
