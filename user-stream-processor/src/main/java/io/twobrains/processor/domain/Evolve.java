package io.twobrains.processor.domain;

import io.twobrains.contract.event.ApiKeyRemoved;
import io.twobrains.contract.event.ApiKeyStored;
import io.twobrains.contract.event.CommandRejected;
import io.twobrains.contract.event.ConversationDeleted;
import io.twobrains.contract.event.ConversationRenamed;
import io.twobrains.contract.event.ConversationStarted;
import io.twobrains.contract.event.Event;
import io.twobrains.contract.event.EventEnvelope;
import io.twobrains.contract.event.GenerationEnded;
import io.twobrains.contract.event.GenerationStarted;
import io.twobrains.contract.event.McpServerAdded;
import io.twobrains.contract.event.McpServerChanged;
import io.twobrains.contract.event.McpServerRemoved;
import io.twobrains.contract.event.MessageAppended;
import io.twobrains.contract.event.MessageSuperseded;
import io.twobrains.contract.event.SettingsChanged;
import io.twobrains.contract.event.TitleSource;
import io.twobrains.contract.event.UserErased;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;

/**
 * evolve(state, event): the state after an event. Pure and total over valid histories; it is all a
 * rebuild needs, because every store is a fold of {@code chat.events}. Counts come from the events
 * themselves, never from the clock, so a fold gives the same state whenever it runs.
 */
public final class Evolve {

    private Evolve() {
    }

    public static Slice evolve(Slice state, EventEnvelope envelope) {
        Slice next = apply(state, envelope.payload(), envelope.occurredAt());
        return next.withUser(next.user().advancedTo(envelope.seq()));
    }

    private static Slice apply(Slice state, Event event, Instant at) {
        if (event instanceof CommandRejected) {
            return state;
        }
        if (event instanceof UserErased) {
            return state.erased();
        }
        Slice conversations = ConversationEvolution.apply(state, event, at);
        if (conversations != null) {
            return conversations;
        }
        Profile profile = state.profile();
        if (event instanceof SettingsChanged changed) {
            return state.withProfile(profile.withSettings(profile.settings().apply(changed.changes())));
        }
        if (event instanceof ApiKeyStored stored) {
            return state.withProfile(profile.withKey(stored.provider(),
                    new Profile.StoredKey(stored.secret(), stored.hint(), stored.baseUrl(), at)));
        }
        if (event instanceof ApiKeyRemoved removed) {
            return state.withProfile(profile.withoutKey(removed.provider()));
        }
        if (event instanceof McpServerAdded added) {
            return state.withProfile(profile.withServer(new Profile.McpServer(added.serverId(), added.name(), added.url(),
                    added.transport(), added.headers(), added.headerNames(), added.enabled())));
        }
        if (event instanceof McpServerChanged changed) {
            return state.withProfile(profile.withServer(new Profile.McpServer(changed.serverId(), changed.name(),
                    changed.url(), changed.transport(), changed.headers(), changed.headerNames(), changed.enabled())));
        }
        if (event instanceof McpServerRemoved removed) {
            return state.withProfile(profile.withoutServer(removed.serverId()));
        }
        if (event instanceof GenerationStarted started) {
            LocalDate day = LocalDate.ofInstant(at, ZoneOffset.UTC);
            return state.withGeneration(new Generation(started.generationId(), started.conversationId(), started.model(),
                            started.provider(), started.byok(), at, started.messageId(), started.regenerates()))
                    .withUser(state.user().withQuota(day, started.dailyCount(), YearMonth.from(day), started.monthlyCount()));
        }
        if (event instanceof GenerationEnded ended) {
            return state.withoutGeneration(ended.generationId());
        }
        throw new IllegalArgumentException("no evolution for " + event.type());
    }

    /** Conversations and messages. */
    private static final class ConversationEvolution {

        static Slice apply(Slice state, Event event, Instant at) {
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
            if (event instanceof MessageSuperseded superseded) {
                return state.conversation(superseded.conversationId())
                        .map(c -> state.withConversation(c.withoutMessage(at))
                                .withSuperseded(c.id(), superseded.messageId())
                                .withUser(user.withCounts(user.conversations(), user.messages() - 1)))
                        .orElse(state);
            }
            return null;
        }
    }
}
