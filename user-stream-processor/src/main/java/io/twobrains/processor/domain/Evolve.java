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
import io.twobrains.contract.event.TitleSource;
import io.twobrains.contract.event.UserErased;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;

/**
 * evolve(state, event): the state after an event. Pure and total over valid histories; it is all a
 * rebuild needs, because every store is a fold of {@code chat.events}. Counts come from the events
 * themselves, never from the clock, so a fold gives the same state whenever it runs. One method per
 * event type, so a new event does not compile until it is folded here.
 */
public final class Evolve implements Event.Visitor<Slice> {

    private final Slice state;
    private final Instant at;

    private Evolve(Slice state, Instant at) {
        this.state = state;
        this.at = at;
    }

    public static Slice evolve(Slice state, EventEnvelope envelope) {
        Slice next = envelope.payload().accept(new Evolve(state, envelope.occurredAt()));
        return next.withUser(next.user().advancedTo(envelope.seq()));
    }

    @Override
    public Slice visit(CommandRejected event) {
        return state;
    }

    @Override
    public Slice visit(UserErased event) {
        return state.erased();
    }

    @Override
    public Slice visit(ConversationStarted event) {
        UserState user = state.user();
        Conversation conversation = new Conversation(event.conversationId(), event.title(),
                event.title() == null ? null : TitleSource.MANUAL, at, at, 0, 0, null);
        return state.withConversation(conversation).withUser(user.withCounts(user.conversations() + 1, user.messages()));
    }

    @Override
    public Slice visit(ConversationRenamed event) {
        return state.conversation(event.conversationId())
                .map(c -> state.withConversation(c.renamed(event.title(), event.source(), at)))
                .orElse(state);
    }

    @Override
    public Slice visit(ConversationDeleted event) {
        UserState user = state.user();
        return state.conversation(event.conversationId())
                .map(c -> state.withoutConversation(c.id())
                        .withUser(user.withCounts(user.conversations() - 1, user.messages() - c.messageCount())))
                .orElse(state);
    }

    @Override
    public Slice visit(MessageAppended event) {
        UserState user = state.user();
        return state.conversation(event.conversationId())
                .map(c -> {
                    long position = c.lastPosition() + 1;
                    Message message = new Message(c.id(), event.messageId(), position, event.role(), event.parts(), at);
                    return state.withConversation(c.withMessageAt(position, event.messageId(), at))
                            .withAppended(message)
                            .withUser(user.withCounts(user.conversations(), user.messages() + 1));
                })
                .orElse(state);
    }

    /** The replaced reply leaves at the position its regeneration recorded when it started. */
    @Override
    public Slice visit(MessageSuperseded event) {
        UserState user = state.user();
        long position = state.generations().values().stream()
                .filter(g -> g.conversationId().equals(event.conversationId())
                        && event.messageId().equals(g.regenerates()))
                .mapToLong(Generation::regeneratesPosition)
                .findFirst().orElse(0);
        return state.conversation(event.conversationId())
                .map(c -> state.withConversation(c.withoutMessage(event.messageId(), at))
                        .withSuperseded(c.id(), event.messageId(), position)
                        .withUser(user.withCounts(user.conversations(), user.messages() - 1)))
                .orElse(state);
    }

    @Override
    public Slice visit(SettingsChanged event) {
        Profile profile = state.profile();
        return state.withProfile(profile.withSettings(profile.settings().apply(event.changes())));
    }

    @Override
    public Slice visit(ApiKeyStored event) {
        return state.withProfile(state.profile().withKey(event.provider(),
                new Profile.StoredKey(event.secret(), event.hint(), event.baseUrl(), at)));
    }

    @Override
    public Slice visit(ApiKeyRemoved event) {
        return state.withProfile(state.profile().withoutKey(event.provider()));
    }

    @Override
    public Slice visit(McpServerAdded event) {
        return state.withProfile(state.profile().withServer(new Profile.McpServer(event.serverId(), event.name(),
                event.url(), event.transport(), event.headers(), event.headerNames(), event.enabled())));
    }

    @Override
    public Slice visit(McpServerChanged event) {
        return state.withProfile(state.profile().withServer(new Profile.McpServer(event.serverId(), event.name(),
                event.url(), event.transport(), event.headers(), event.headerNames(), event.enabled())));
    }

    @Override
    public Slice visit(McpServerRemoved event) {
        return state.withProfile(state.profile().withoutServer(event.serverId()));
    }

    /**
     * The new ciphertexts replace the old ones as they are: folding never opens a secret, so a rebuild
     * needs no master key, and ends in the re-sealed values even once the old master key is gone.
     */
    @Override
    public Slice visit(SecretsResealed event) {
        Profile profile = state.profile();
        for (SecretsResealed.ApiKey key : event.apiKeys()) {
            profile = profile.withResealedKey(key.provider(), key.secret());
        }
        for (SecretsResealed.McpHeaders headers : event.mcpHeaders()) {
            profile = profile.withResealedHeaders(headers.serverId(), headers.headers());
        }
        return state.withProfile(profile);
    }

    /**
     * A regeneration remembers where the reply it replaces stands: the last message of the
     * conversation, as the decision required.
     */
    @Override
    public Slice visit(GenerationStarted event) {
        LocalDate day = LocalDate.ofInstant(at, ZoneOffset.UTC);
        long regeneratesPosition = event.regenerates() == null ? 0 : state.conversation(event.conversationId())
                .filter(c -> event.regenerates().equals(c.lastMessageId()))
                .map(Conversation::lastPosition)
                .orElse(0L);
        return state.withGeneration(new Generation(event.generationId(), event.conversationId(), event.model(),
                        event.provider(), event.byok(), at, event.messageId(), event.regenerates(), regeneratesPosition,
                        event.runner()))
                .withUser(state.user().withQuota(day, event.dailyCount(), YearMonth.from(day), event.monthlyCount()));
    }

    @Override
    public Slice visit(GenerationCompleted event) {
        return state.withoutGeneration(event.generationId());
    }

    /**
     * A failure (a provider's or the system's, never the user's stop) gives a free generation's message
     * back to the quota it was taken from.
     */
    @Override
    public Slice visit(GenerationFailed event) {
        Slice ended = state.withoutGeneration(event.generationId());
        return state.generation(event.generationId())
                .filter(generation -> !generation.byok())
                .map(generation -> ended.withUser(ended.user().refunded(
                        LocalDate.ofInstant(generation.startedAt(), ZoneOffset.UTC))))
                .orElse(ended);
    }

    @Override
    public Slice visit(GenerationCancelled event) {
        return state.withoutGeneration(event.generationId());
    }
}
