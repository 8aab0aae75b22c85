package io.twobrains.processor.domain;

import static io.twobrains.contract.event.RejectionCode.ALREADY_EXISTS;
import static io.twobrains.contract.event.RejectionCode.INVALID;
import static io.twobrains.contract.event.RejectionCode.NOT_FOUND;

import io.twobrains.contract.ContentRules;
import io.twobrains.contract.command.CompleteGeneration;
import io.twobrains.contract.command.StartGeneration;
import io.twobrains.contract.event.GenerationCompleted;
import io.twobrains.contract.event.GenerationStarted;
import io.twobrains.contract.generation.LimitType;
import io.twobrains.contract.generation.TokenUsage;
import io.twobrains.contract.model.Model;
import io.twobrains.contract.model.ModelCatalog;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * Decisions about completions, quotas included. The processor sees every generation of a user in
 * order, so the quota check is exact under any concurrency, with no database read.
 */
final class GenerationDecisions {

    private GenerationDecisions() {
    }

    static Decision start(StartGeneration command, Slice state, DecisionContext context) {
        Optional<String> invalid = ContentRules.first(
                ContentRules.validId("generation id", command.generationId()),
                ContentRules.validId("conversation id", command.conversationId()));
        if (invalid.isPresent()) {
            return Decision.reject(INVALID, invalid.get());
        }
        Optional<Model> model = ModelCatalog.builtIn().find(command.model());
        if (model.isEmpty()) {
            return Decision.reject(INVALID, "unknown model " + command.model());
        }
        if (state.conversation(command.conversationId()).isEmpty()) {
            return ConversationDecisions.notFound(command.conversationId());
        }
        if (state.generation(command.generationId()).isPresent()) {
            return Decision.reject(ALREADY_EXISTS, "generation " + command.generationId() + " exists");
        }
        String provider = model.get().provider();
        boolean byok = state.profile().hasKeyFor(provider);
        if (model.get().tier() == Model.Tier.BYOK && !byok) {
            return Decision.reject(INVALID, model.get().id() + " needs your own " + provider + " key");
        }
        UserState user = state.user();
        if (byok) {
            LocalDate day = day(context.now());
            YearMonth month = YearMonth.from(day);
            return Decision.accept(new GenerationStarted(command.generationId(), command.conversationId(), model.get().id(),
                    provider, true, user.usedOn(day), user.usedIn(month)));
        }
        return startFree(command, model.get(), state.user(), context);
    }

    private static Decision startFree(StartGeneration command, Model model, UserState user, DecisionContext context) {
        QuotaPlans.Limits limits = context.plans().forPlan(command.plan());
        LocalDate day = day(context.now());
        YearMonth month = YearMonth.from(day);
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
        return Decision.accept(new GenerationStarted(command.generationId(), command.conversationId(), model.id(),
                model.provider(), false, today + 1, thisMonth + 1));
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
        return Decision.accept(new GenerationCompleted(generation.id(), generation.conversationId(), generation.model(),
                generation.provider(), generation.byok(),
                command.finishReason() == null ? "other" : command.finishReason(), usage, command.latencyMs()));
    }


    static LocalDate day(Instant now) {
        return LocalDate.ofInstant(now, ZoneOffset.UTC);
    }
}
