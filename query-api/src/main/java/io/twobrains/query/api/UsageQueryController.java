package io.twobrains.query.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
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
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** The caller's quota and usage. The figures are the ones the processor enforces, folded into Postgres. */
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
    private final Freshness freshness;
    private final QuotaProperties quota;
    private final Clock clock;

    UsageQueryController(UsageReads usage, Freshness freshness, QuotaProperties quota, Clock clock) {
        this.usage = usage;
        this.freshness = freshness;
        this.quota = quota;
        this.clock = clock;
    }

    @Operation(summary = "Free messages used, left and when they reset, today (UTC) and this month (UTC)")
    @GetMapping("/api/usage")
    Mono<ResponseEntity<Summary>> summary(ChatUser user, ServerWebExchange exchange) {
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        QuotaProperties.Plan limits = quota.forPlan(user.plan());
        Instant tomorrow = today.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        Instant nextMonth = YearMonth.from(today).plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        return freshness.read(user.id(), exchange, usage.freeUsed(user.id(), today).map(used ->
                new Summary(Window.of(used[0], limits.daily(), tomorrow), Window.of(used[1], limits.monthly(), nextMonth))));
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
