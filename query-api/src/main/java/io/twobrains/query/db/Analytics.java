package io.twobrains.query.db;

import java.time.LocalDate;
import java.util.List;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/**
 * Admin analytics: SQL over the global tables for a range of UTC days. Totals come from
 * {@code usage_daily} (erased users stay counted, under anonymous ids); breakdowns by model and
 * provider, and latencies, come from {@code generations} (erased users' rows are gone). Active users
 * are people: a user who erased the account and came back counts once, their rows since the return
 * joined to their anonymous ones through {@code users.erased_as}.
 */
public class Analytics {

    public record Report(LocalDate from, LocalDate to, long activeUsers, long messages, double byokShare,
            List<Day> days, List<ModelFigures> models, List<ProviderFigures> providers, List<UserFigures> topUsers) {
    }

    public record Day(LocalDate date, long activeUsers, long messages, long inputTokens, long outputTokens,
            long reasoningTokens) {
    }

    public record ModelFigures(String model, long messages, long inputTokens, long outputTokens, Double latencyP50Ms,
            Double latencyP95Ms) {
    }

    public record ProviderFigures(String provider, long messages, long inputTokens, long outputTokens) {
    }

    public record UserFigures(String userId, long messages, long tokens) {
    }

    private final DatabaseClient db;

    public Analytics(DatabaseClient db) {
        this.db = db;
    }

    public Mono<Report> report(LocalDate from, LocalDate to) {
        Mono<long[]> totals = db.sql("""
                        select count(distinct coalesce(u.erased_as, d.user_id)) filter (where d.messages > 0) as active,
                               coalesce(sum(d.messages), 0) as messages, coalesce(sum(d.byok_messages), 0) as byok
                        from usage_daily d left join users u on u.user_id = d.user_id
                        where d.day between :from and :to""")
                .bind("from", from).bind("to", to)
                .map(row -> new long[] {number(row.get("active")), number(row.get("messages")),
                        number(row.get("byok"))})
                .one();
        Mono<List<Day>> days = db.sql("""
                        select d.day, count(distinct coalesce(u.erased_as, d.user_id)) filter (where d.messages > 0) as active,
                               sum(d.messages) as messages, sum(d.input_tokens) as input, sum(d.output_tokens) as output,
                               sum(d.reasoning_tokens) as reasoning
                        from usage_daily d left join users u on u.user_id = d.user_id
                        where d.day between :from and :to group by d.day order by d.day""")
                .bind("from", from).bind("to", to)
                .map(row -> new Day(row.get("day", LocalDate.class), number(row.get("active")),
                        number(row.get("messages")), number(row.get("input")), number(row.get("output")),
                        number(row.get("reasoning"))))
                .all().collectList();
        Mono<List<ModelFigures>> models = db.sql("""
                        select model, count(*) as messages, coalesce(sum(input_tokens), 0) as input,
                               coalesce(sum(output_tokens), 0) as output,
                               percentile_cont(0.5) within group (order by latency_ms)
                                   filter (where finish_reason not in ('error', 'cancelled')) as p50,
                               percentile_cont(0.95) within group (order by latency_ms)
                                   filter (where finish_reason not in ('error', 'cancelled')) as p95
                        from generations where day between :from and :to group by model order by messages desc, model""")
                .bind("from", from).bind("to", to)
                .map(row -> new ModelFigures(row.get("model", String.class), number(row.get("messages")),
                        number(row.get("input")), number(row.get("output")), row.get("p50", Double.class),
                        row.get("p95", Double.class)))
                .all().collectList();
        Mono<List<ProviderFigures>> providers = db.sql("""
                        select provider, count(*) as messages, coalesce(sum(input_tokens), 0) as input,
                               coalesce(sum(output_tokens), 0) as output
                        from generations where day between :from and :to group by provider order by messages desc, provider""")
                .bind("from", from).bind("to", to)
                .map(row -> new ProviderFigures(row.get("provider", String.class), number(row.get("messages")),
                        number(row.get("input")), number(row.get("output"))))
                .all().collectList();
        Mono<List<UserFigures>> topUsers = db.sql("""
                        select user_id, sum(messages) as messages, sum(input_tokens + output_tokens) as tokens
                        from usage_daily where day between :from and :to and user_id not like 'erased-%'
                        group by user_id order by messages desc, user_id limit 10""")
                .bind("from", from).bind("to", to)
                .map(row -> new UserFigures(row.get("user_id", String.class), number(row.get("messages")),
                        number(row.get("tokens"))))
                .all().collectList();
        return Mono.zip(totals, days, models, providers, topUsers).map(all -> new Report(from, to, all.getT1()[0],
                all.getT1()[1], all.getT1()[1] == 0 ? 0 : (double) all.getT1()[2] / all.getT1()[1], all.getT2(),
                all.getT3(), all.getT4(), all.getT5()));
    }

    /** sum() of bigint is numeric in PostgreSQL. */
    private static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }
}
