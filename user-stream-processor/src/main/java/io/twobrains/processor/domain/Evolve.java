package io.twobrains.processor.domain;

import io.twobrains.contract.event.CommandRejected;
import io.twobrains.contract.event.ConversationDeleted;
import io.twobrains.contract.event.ConversationRenamed;
import io.twobrains.contract.event.ConversationStarted;
import io.twobrains.contract.event.Event;
import io.twobrains.contract.event.EventEnvelope;
import io.twobrains.contract.event.MessageAppended;
import io.twobrains.contract.event.TitleSource;
import java.time.Instant;

/**
 * evolve(state, event): the state after an event. Pure and total over valid histories; it is all a
 * rebuild needs, because every store is a fold of {@code chat.events}.
 */
public final class Evolve {

    private Evolve() {
    }

    public static Slice evolve(Slice state, EventEnvelope envelope) {
        Slice next = apply(state, envelope.payload(), envelope.occurredAt());
        return next.withUser(next.user().advancedTo(envelope.seq()));
    }

    private static Slice apply(Slice state, Event event, Instant at) {
        UserState user = state.user();
        if (event instanceof ConversationStarted started) {
            Conversation conversation = new Conversation(started.conversationId(), started.title(),
                    started.title() == null ? null : TitleSource.MANUAL, at, at, 0, 0);
            return state.withConversation(conversation)
                    .withUser(user.withCounts(user.conversations() + 1, user.messages()));
        }
        if (event instanceof ConversationRenamed renamed) {
            return state.conversation(renamed.conversationId())
                    .map(c -> state.withConversation(c.renamed(renamed.title(), renamed.source(), at)))
                    .orElse(state);
        }
        if (event instanceof ConversationDeleted deleted) {
            return state.conversation(deleted.conversationId())
                    .map(c -> state.withoutConversation(c.id())
                            .withUser(user.withCounts(user.conversations() - 1, user.messages() - c.messageCount())))
                    .orElse(state);
        }
        if (event instanceof MessageAppended appended) {
            return state.conversation(appended.conversationId())
                    .map(c -> {
                        long position = c.lastPosition() + 1;
                        Message message = new Message(c.id(), appended.messageId(), position, appended.role(),
                                appended.parts(), at);
                        return state.withConversation(c.withMessageAt(position, at))
                                .withAppended(message)
                                .withUser(user.withCounts(user.conversations(), user.messages() + 1));
                    })
                    .orElse(state);
        }
        if (event instanceof CommandRejected) {
            return state;
        }
        throw new IllegalArgumentException("no evolution for " + event.type());
    }
}
