package io.twobrains.query.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.twobrains.query.db.Analytics;
import java.time.Clock;
import java.time.LocalDate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Analytics across all users; only for tokens with the {@code admin} role (the security chain says 403 otherwise). */
@Tag(name = "admin")
@RestController
class AdminAnalyticsController {

    private final Analytics analytics;
    private final Clock clock;

    AdminAnalyticsController(Analytics analytics, Clock clock) {
        this.analytics = analytics;
        this.clock = clock;
    }

    @Operation(summary = "Active users, messages and tokens per day, per model and per provider, top users, "
            + "BYOK share, latency p50/p95 per model, for UTC days from..to")
    @GetMapping("/api/admin/analytics")
    Mono<Analytics.Report> report(@RequestParam String from, @RequestParam(required = false) String to) {
        LocalDate[] range = UsageQueryController.range(from, to, clock);
        return analytics.report(range[0], range[1]);
    }
}
