package io.twobrains.testkit;

import io.twobrains.contract.event.EventEnvelope;
import io.twobrains.contract.event.GenerationCancelled;
import io.twobrains.contract.event.GenerationCompleted;
import io.twobrains.contract.event.GenerationEnded;
import io.twobrains.contract.event.GenerationStarted;
import io.twobrains.contract.event.UserErased;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The usage figures of the global brain (the projector's {@code users}, {@code usage_daily} and
 * {@code generations} tables), folded from chat.events by rules written here, independently of the
 * projector's SQL, for tests that check the tables are exactly the fold of the log.
 *
 * @param lastSeqs    each user's last seq, as the {@code users} table keeps it
 * @param daily       one row per user and UTC day; usage counts on the day its generation started
 * @param generations one row per generation of a user not erased
 */
public record UsageFold(Map<String, Long> lastSeqs, List<Daily> daily, List<Generation> generations) {

    /** A {@code usage_daily} row without its per-model breakdown. */
    public record Daily(String userId, LocalDate day, long messages, long freeMessages, long byokMessages,
            long inputTokens, long outputTokens, long reasoningTokens) {

        Daily plus(Daily other) {
            return new Daily(userId, day, messages + other.messages, freeMessages + other.freeMessages,
                    byokMessages + other.byokMessages, inputTokens + other.inputTokens,
                    outputTokens + other.outputTokens, reasoningTokens + other.reasoningTokens);
        }

        Daily ownedBy(String owner) {
            return new Daily(owner, day, messages, freeMessages, byokMessages, inputTokens, outputTokens,
                    reasoningTokens);
        }
    }

    /** A {@code generations} row: its outcome is null while it runs. */
    public record Generation(String userId, String generationId, String model, LocalDate day, String finishReason,
            Long inputTokens, Long outputTokens) {
    }

    /** Folds {@code events} (each user's in seq order) into the figures. */
    public static UsageFold of(Collection<EventEnvelope> events) {
        Map<String, Long> lastSeqs = new TreeMap<>();
        Map<String, Map<LocalDate, Daily>> daily = new HashMap<>();
        Map<String, Map<String, Generation>> generations = new HashMap<>();
        Map<String, String> erasedAs = new HashMap<>();
        for (EventEnvelope event : events) {
            String user = event.userId();
            lastSeqs.merge(user, event.seq(), Math::max);
            LocalDate today = LocalDate.ofInstant(event.occurredAt(), ZoneOffset.UTC);
            Map<LocalDate, Daily> days = daily.computeIfAbsent(user, u -> new HashMap<>());
            Map<String, Generation> own = generations.computeIfAbsent(user, u -> new HashMap<>());
            if (event.payload() instanceof GenerationStarted started) {
                own.putIfAbsent(started.generationId(),
                        new Generation(user, started.generationId(), started.model(), today, null, null, null));
                days.merge(today, new Daily(user, today, 1, started.byok() ? 0 : 1, started.byok() ? 1 : 0, 0, 0, 0),
                        Daily::plus);
            } else if (event.payload() instanceof GenerationEnded ended) {
                Generation started = own.get(ended.generationId());
                LocalDate day = started == null ? today : started.day();
                if (started != null) {
                    own.put(ended.generationId(), new Generation(user, started.generationId(), started.model(), day,
                            finishReason(ended), ended.usage().input(), ended.usage().output()));
                }
                days.merge(day, new Daily(user, day, 0, 0, 0, ended.usage().input(), ended.usage().output(),
                        ended.usage().reasoning()), Daily::plus);
            } else if (event.payload() instanceof UserErased) {
                // The rows stay for the totals, under an anonymous id: the first erasure's, for every later one too.
                String anonymous = erasedAs.computeIfAbsent(user, u -> "erased-" + event.eventId());
                Map<LocalDate, Daily> kept = daily.computeIfAbsent(anonymous, u -> new HashMap<>());
                days.values().forEach(row -> kept.merge(row.day(), row.ownedBy(anonymous), Daily::plus));
                days.clear();
                own.clear();
            }
        }
        List<Daily> rows = daily.values().stream().flatMap(days -> days.values().stream())
                .sorted(java.util.Comparator.comparing(Daily::userId).thenComparing(Daily::day)).toList();
        List<Generation> all = generations.values().stream().flatMap(own -> own.values().stream())
                .sorted(java.util.Comparator.comparing(Generation::userId).thenComparing(Generation::generationId))
                .toList();
        return new UsageFold(lastSeqs, rows, all);
    }

    private static String finishReason(GenerationEnded ended) {
        return ended instanceof GenerationCompleted completed ? completed.finishReason()
                : ended instanceof GenerationCancelled ? "cancelled" : "error";
    }
}
