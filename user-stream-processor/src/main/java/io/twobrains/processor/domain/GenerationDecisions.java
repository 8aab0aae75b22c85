package io.twobrains.processor.domain;

import static io.twobrains.contract.event.RejectionCode.ALREADY_EXISTS;
import static io.twobrains.contract.event.RejectionCode.CONFLICT;
import static io.twobrains.contract.event.RejectionCode.INVALID;
import static io.twobrains.contract.event.RejectionCode.NOT_FOUND;

import io.twobrains.contract.ContentRules;
import io.twobrains.contract.command.CompleteGeneration;
import io.twobrains.contract.command.StartGeneration;
import io.twobrains.contract.command.TitleConversation;
import io.twobrains.contract.event.ConversationRenamed;
import io.twobrains.contract.event.ConversationStarted;
import io.twobrains.contract.event.Event;
import io.twobrains.contract.event.GenerationCancelled;
import io.twobrains.contract.event.GenerationCompleted;
import io.twobrains.contract.event.GenerationFailed;
import io.twobrains.contract.event.GenerationStarted;
import io.twobrains.contract.event.MessageAppended;
import io.twobrains.contract.event.MessageSuperseded;
import io.twobrains.contract.event.TitleSource;
import io.twobrains.contract.generation.Ending;
import io.twobrains.contract.generation.LimitType;
import io.twobrains.contract.generation.TokenUsage;
import io.twobrains.contract.message.Role;
import io.twobrains.contract.model.Model;
import io.twobrains.contract.model.ModelCatalog;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decisions about completions, quotas included. The processor sees every generation of a user in
 * order, so the quota check is exact under any concurrency, with no database read.
 */
final class GenerationDecisions {

    /**
     * A generation still running after this long has lost its runner (a crashed command API); the
     * next start in its conversation records it as failed instead of waiting for it forever.
     */
    static final Duration ABANDONED_AFTER = Duration.ofMinutes(15);

    private GenerationDecisions() {
    }

    static Decision start(StartGeneration command, Slice state, DecisionContext context) {
        Optional<String> invalid = ContentRules.first(
                ContentRules.validId("generation id", command.generationId()),
                ContentRules.validId("conversation id", command.conversationId()),
                command.messageId() == null ? Optional.empty() : ContentRules.validId("message id", command.messageId()),
                command.regenerates() == null ? Optional.empty() : ContentRules.validId("regenerated message id", command.regenerates()),
                command.prompt() == null ? Optional.empty() : ContentRules.first(
                        ContentRules.validId("message id", command.prompt().messageId()),
                        ContentRules.userPartsFit(command.prompt().parts())));
        if (invalid.isPresent()) {
            return Decision.reject(INVALID, invalid.get());
        }
        Optional<Model> model = ModelCatalog.builtIn().find(command.model());
        if (model.isEmpty()) {
            return Decision.reject(INVALID, "unknown model " + command.model());
        }
        boolean exists = state.conversation(command.conversationId()).isPresent();
        if (!exists && !command.createConversation()) {
            return ConversationDecisions.notFound(command.conversationId());
        }
        if (state.generation(command.generationId()).isPresent()) {
            return Decision.reject(ALREADY_EXISTS, "generation " + command.generationId() + " exists");
        }
        Optional<Decision> clash = clashes(command, state);
        if (clash.isPresent()) {
            return clash.get();
        }
        List<Event> before = new ArrayList<>(abandoned(state.runningIn(command.conversationId()), context.now()));
        if (before.size() < state.runningIn(command.conversationId()).size()) {
            return Decision.reject(ALREADY_EXISTS, "a reply is already being generated in this conversation");
        }
        String provider = model.get().provider();
        boolean byok = state.profile().hasKeyFor(provider);
        if (model.get().tier() == Model.Tier.BYOK && !byok) {
            return Decision.reject(INVALID, model.get().id() + " needs your own " + provider + " key");
        }
        if (!exists) {
            before.add(new ConversationStarted(command.conversationId(), null));
        }
        if (command.prompt() != null) {
            before.add(new MessageAppended(command.conversationId(), command.prompt().messageId(), Role.USER,
                    command.prompt().parts()));
        }
        LocalDate day = day(context.now());
        YearMonth month = YearMonth.from(day);
        UserState user = state.user();
        if (byok) {
            before.add(new GenerationStarted(command.generationId(), command.conversationId(), model.get().id(), provider,
                    true, user.usedOn(day), user.usedIn(month), command.messageId(), command.regenerates(), command.runner()));
            return new Decision.Accepted(before);
        }
        QuotaPlans.Limits limits = context.plans().forPlan(command.plan());
        long today = user.usedOn(day);
        long thisMonth = user.usedIn(month);
        if (thisMonth >= limits.monthly()) {
            Instant resets = month.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
            return Decision.limitReached("you have used your " + limits.monthly()
                    + " free messages of this month; they reset on the 1st of next month", LimitType.MONTHLY, resets);
        }
        if (today >= limits.daily()) {
            Instant resets = day.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
            return Decision.limitReached("you have used your " + limits.daily()
                    + " free messages of today; they reset at midnight UTC", LimitType.DAILY, resets);
        }
        before.add(new GenerationStarted(command.generationId(), command.conversationId(), model.get().id(), provider,
                false, today + 1, thisMonth + 1, command.messageId(), command.regenerates(), command.runner()));
        return new Decision.Accepted(before);
    }

    /** Ids the command would reuse, and a regeneration of a reply that is not there. */
    private static Optional<Decision> clashes(StartGeneration command, Slice state) {
        String conversation = command.conversationId();
        if (command.prompt() != null && state.messageIdTaken(conversation, command.prompt().messageId())) {
            return Optional.of(Decision.reject(ALREADY_EXISTS, "message " + command.prompt().messageId() + " exists"));
        }
        if (command.messageId() != null && state.messageIdTaken(conversation, command.messageId())) {
            return Optional.of(Decision.reject(ALREADY_EXISTS, "message " + command.messageId() + " exists"));
        }
        // Until conversations branch, a regeneration replaces the last reply: an older one would answer
        // a history cut short, and the new reply would land after the later turns.
        if (command.regenerates() != null && !state.conversation(conversation)
                .map(c -> command.regenerates().equals(c.lastMessageId())).orElse(false)) {
            return Optional.of(Decision.reject(CONFLICT, "message " + command.regenerates()
                    + " is not the last message of the conversation; only the last reply can be regenerated"));
        }
        return Optional.empty();
    }

    /** Failures for the running generations that have outlived any runner; none if one is still live. */
    private static List<Event> abandoned(List<Generation> running, Instant now) {
        List<Event> failures = new ArrayList<>();
        for (Generation generation : running) {
            Duration age = Duration.between(generation.startedAt(), now);
            if (age.compareTo(ABANDONED_AFTER) < 0) {
                continue;
            }
            failures.add(new GenerationFailed(generation.id(), generation.conversationId(), generation.model(),
                    generation.provider(), generation.byok(), "abandoned: no outcome within " + ABANDONED_AFTER.toMinutes()
                            + " minutes", TokenUsage.NONE, age.toMillis(), null));
        }
        return failures;
    }

    static Decision complete(CompleteGeneration command, Slice state) {
        Optional<Generation> running = state.generation(command.generationId());
        if (running.isEmpty()) {
            return Decision.reject(NOT_FOUND, "no running generation " + command.generationId());
        }
        Generation generation = running.get();
        TokenUsage usage = command.usage() == null ? TokenUsage.NONE : command.usage();
        if (usage.input() < 0 || usage.output() < 0 || usage.reasoning() < 0 || command.latencyMs() < 0) {
            return Decision.reject(INVALID, "usage and latency cannot be negative");
        }
        Optional<String> badReply = ContentRules.replyFits(command.parts());
        if (badReply.isPresent()) {
            return Decision.reject(INVALID, badReply.get());
        }
        List<Event> events = new ArrayList<>();
        String messageId = null;
        boolean conversationLives = state.conversation(generation.conversationId()).isPresent();
        if (!command.parts().isEmpty() && conversationLives) {
            messageId = generation.messageId() == null ? generation.id() : generation.messageId();
            if (generation.regenerates() != null) {
                events.add(new MessageSuperseded(generation.conversationId(), generation.regenerates(), messageId));
            }
            events.add(new MessageAppended(generation.conversationId(), messageId, Role.ASSISTANT, command.parts()));
        }
        Ending ending = command.ending() == null ? Ending.COMPLETED : command.ending();
        events.add(switch (ending) {
            case COMPLETED -> new GenerationCompleted(generation.id(), generation.conversationId(), generation.model(),
                    generation.provider(), generation.byok(), command.finishReason() == null ? "other" : command.finishReason(),
                    usage, command.latencyMs(), messageId);
            case FAILED -> new GenerationFailed(generation.id(), generation.conversationId(), generation.model(),
                    generation.provider(), generation.byok(), command.error() == null ? "unknown error" : command.error(),
                    usage, command.latencyMs(), messageId);
            case CANCELLED -> new GenerationCancelled(generation.id(), generation.conversationId(), generation.model(),
                    generation.provider(), generation.byok(), usage, command.latencyMs(), messageId);
        });
        return new Decision.Accepted(events);
    }

    /** A generated title, unless the user has chosen one (then the user's stays). */
    static Decision title(TitleConversation command, Slice state) {
        Optional<String> invalid = ContentRules.first(
                ContentRules.validId("conversation id", command.conversationId()),
                command.title() == null ? Optional.of("title is required") : ContentRules.titleFits(command.title()));
        if (invalid.isPresent()) {
            return Decision.reject(INVALID, invalid.get());
        }
        Optional<Conversation> conversation = state.conversation(command.conversationId());
        if (conversation.isEmpty()) {
            return ConversationDecisions.notFound(command.conversationId());
        }
        if (!conversation.get().acceptsAutoTitle()) {
            return Decision.reject(ALREADY_EXISTS, "the conversation has a title chosen by the user");
        }
        return Decision.accept(new ConversationRenamed(command.conversationId(), command.title(), TitleSource.AUTO));
    }

    static LocalDate day(Instant now) {
        return LocalDate.ofInstant(now, ZoneOffset.UTC);
    }
}
