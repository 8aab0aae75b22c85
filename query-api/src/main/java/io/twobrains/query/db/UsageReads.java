package io.twobrains.query.db;

import io.twobrains.contract.json.ChatJson;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;

/** Usage as the projector folded it: a user's quota figures and daily statistics. */
public class UsageReads {

    /** One day (or a total): generations, tokens, and the same per model. */
    public record DayUsage(LocalDate date, long messages, Tokens tokens, Map<String, ModelUsage> models) {
    }

    public record Tokens(long input, long output, long reasoning, long total) {
        static Tokens of(long input, long output, long reasoning) {
            return new Tokens(input, output, reasoning, input + output);
        }
    }

    public record ModelUsage(long messages, long inputTokens, long outputTokens, long reasoningTokens) {
        ModelUsage plus(ModelUsage other) {
            return new ModelUsage(messages + other.messages, inputTokens + other.inputTokens,
                    outputTokens + other.outputTokens, reasoningTokens + other.reasoningTokens);
        }
    }

    public record Stats(List<DayUsage> days, DayUsage totals) {
    }

    private final DatabaseClient db;

    public UsageReads(DatabaseClient db) {
        this.db = db;
    }


    public Mono<Stats> stats(String userId, LocalDate from, LocalDate to) {
        return db.sql("""
                        select day, messages, input_tokens, output_tokens, reasoning_tokens, per_model::text as per_model
                        from usage_daily where user_id = :user and day between :from and :to order by day""")
                .bind("user", userId).bind("from", from).bind("to", to)
                .map(row -> new DayUsage(row.get("day", LocalDate.class), number(row.get("messages")),
                        Tokens.of(number(row.get("input_tokens")), number(row.get("output_tokens")),
                                number(row.get("reasoning_tokens"))),
                        models(row.get("per_model", String.class))))
                .all().collectList()
                .map(days -> new Stats(days, total(days)));
    }

    private static DayUsage total(List<DayUsage> days) {
        long messages = 0;
        long input = 0;
        long output = 0;
        long reasoning = 0;
        Map<String, ModelUsage> models = new TreeMap<>();
        for (DayUsage day : days) {
            messages += day.messages();
            input += day.tokens().input();
            output += day.tokens().output();
            reasoning += day.tokens().reasoning();
            day.models().forEach((model, usage) -> models.merge(model, usage, ModelUsage::plus));
        }
        return new DayUsage(null, messages, Tokens.of(input, output, reasoning), models);
    }

    static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }

    private static Map<String, ModelUsage> models(String json) {
        Map<String, ModelUsage> models = ChatJson.MAPPER.readValue(json, new TypeReference<LinkedHashMap<String, ModelUsage>>() { });
        return new TreeMap<>(models);
    }
}
