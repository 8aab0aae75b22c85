package io.twobrains.query.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.twobrains.processor.domain.UserState;
import io.twobrains.query.db.Freshness;
import io.twobrains.query.db.UsageReads;
import io.twobrains.service.problem.ApiProblem;
import io.twobrains.service.quota.QuotaProperties;
import io.twobrains.service.security.ChatUser;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import org.springframework.http.ResponseEntity;
import io.twobrains.service.web.ChatHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The caller's quota and usage. The quota is read where it is enforced, in the user's head on the node
 * that holds the user: exact, and the same after an erasure. The per-day figures come from Postgres.
 */
@Tag(name = "usage")
@RestController
class UsageQueryController {

    static final int MAX_RANGE_DAYS = 366;

    /** One quota window. */
    record Window(long used, long limit, long remaining, boolean allowed, Instant resetsAt) {
        static Window of(long used, long limit, Instant resetsAt) {
            return new Window(used, limit, Math.max(0, limit - used), used < limit, resetsAt);
        }
    }

    record Summary(Window daily, Window monthly) {
    }

    private final UsageReads usage;
    private final LocalReads quotaReads;
    private final Freshness freshness;
    private final QuotaProperties quota;
    private final Clock clock;

    UsageQueryController(UsageReads usage, LocalReads quotaReads, Freshness freshness, QuotaProperties quota, Clock clock) {
        this.usage = usage;
        this.quotaReads = quotaReads;
        this.freshness = freshness;
        this.quota = quota;
        this.clock = clock;
    }

    @Operation(summary = "Free messages used, left and when they reset, today (UTC) and this month (UTC)")
    @GetMapping("/api/usage")
    Mono<ResponseEntity<Summary>> summary(ChatUser user,
            @RequestHeader(value = ChatHeaders.MIN_SEQ, required = false) String minSeq) {
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        QuotaProperties.Plan limits = quota.forPlan(user.plan());
        Instant tomorrow = today.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        Instant nextMonth = YearMonth.from(today).plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        return quotaReads.read(user.id(), minSeq, reader -> {
            UserState state = reader.user(user.id());
            return new Summary(Window.of(state.usedOn(today), limits.daily(), tomorrow),
                    Window.of(state.usedIn(YearMonth.from(today)), limits.monthly(), nextMonth));
        });
    }

    @Operation(summary = "Per UTC day from..to (YYYY-MM-DD, at most 366 days): messages, tokens and per model, with totals")
    @GetMapping("/api/usage/stats")
    Mono<ResponseEntity<UsageReads.Stats>> stats(ChatUser user, @RequestParam String from, @RequestParam(required = false) String to,
            ServerWebExchange exchange) {
        LocalDate[] range = range(from, to, clock);
        return freshness.read(user.id(), exchange, usage.stats(user.id(), range[0], range[1]));
    }

    /** A validated range of days: both ISO dates, in order, at most a year long; {@code to} defaults to today. */
    static LocalDate[] range(String from, String to, Clock clock) {
        try {
            LocalDate start = LocalDate.parse(from);
            LocalDate end = to == null || to.isBlank() ? LocalDate.now(clock.withZone(ZoneOffset.UTC)) : LocalDate.parse(to);
            if (end.isBefore(start)) {
                throw ApiProblem.badRequest("to must not be before from");
            }
            if (ChronoUnit.DAYS.between(start, end) >= MAX_RANGE_DAYS) {
                throw ApiProblem.badRequest("a range is at most " + MAX_RANGE_DAYS + " days");
            }
            return new LocalDate[] {start, end};
        } catch (DateTimeParseException e) {
            throw ApiProblem.badRequest("from and to are dates like 2026-05-31");
        }
    }
}
