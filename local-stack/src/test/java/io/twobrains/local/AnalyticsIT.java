package io.twobrains.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.twobrains.contract.command.CompleteGeneration;
import io.twobrains.contract.command.EraseUser;
import io.twobrains.contract.command.StartConversation;
import io.twobrains.contract.command.StartGeneration;
import io.twobrains.contract.command.StoreApiKey;
import io.twobrains.contract.event.EventEnvelope;
import io.twobrains.contract.event.GenerationCompleted;
import io.twobrains.contract.event.GenerationStarted;
import io.twobrains.contract.event.UserErased;
import io.twobrains.contract.generation.TokenUsage;
import io.twobrains.contract.profile.Provider;
import io.twobrains.contract.profile.SealedSecret;
import io.twobrains.testkit.ApiClient;
import io.twobrains.testkit.CommandClient;
import io.twobrains.testkit.EventsTopic;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Admin analytics on a seeded data set, checked against figures computed here, independently, from
 * the events in chat.events (everything the stack saw, seeded or not, erasures included).
 */
class AnalyticsIT {

    private record Generation(String owner, String model, String provider, boolean byok, LocalDate day, Long latency,
            long input, long output) {
    }

    @Test
    void analyticsMatchFiguresComputedIndependentlyFromTheLog() {
        LocalStack stack = Stacks.shared();
        Map<String, Long> lastSeqs = seed(stack);
        ApiClient admin = new ApiClient(stack.doorUrl(), Stacks.mint(stack).token("analyst", "admin"));
        lastSeqs.forEach((user, seq) -> Stacks.client(stack, user).withHeader("X-Chat-Min-Seq", Long.toString(seq))
                .get("/api/usage"));

        List<EventEnvelope> log = allEvents(stack);
        LocalDate from = log.stream().map(e -> day(e)).min(Comparator.naturalOrder()).orElseThrow();
        LocalDate to = log.stream().map(e -> day(e)).max(Comparator.naturalOrder()).orElseThrow();
        JsonNode report = admin.get("/api/admin/analytics?from=" + from + "&to=" + to).json();

        Expected expected = Expected.fold(log);
        assertThat(report.get("messages").asLong()).isEqualTo(expected.messages());
        assertThat(report.get("activeUsers").asLong()).isEqualTo(expected.activeOwners());
        assertThat(report.get("byokShare").asDouble()).isCloseTo(expected.byokShare(), within(1e-9));
        assertThat(report.get("days")).hasSize(expected.days().size());
        for (JsonNode day : report.get("days")) {
            long[] figures = expected.days().get(LocalDate.parse(day.get("date").asString()));
            assertThat(new long[] {day.get("activeUsers").asLong(), day.get("messages").asLong(),
                    day.get("inputTokens").asLong(), day.get("outputTokens").asLong()}).containsExactly(figures);
        }
        Map<String, List<Generation>> byModel = expected.generations().stream().collect(Collectors.groupingBy(Generation::model));
        assertThat(report.get("models")).hasSize(byModel.size());
        for (JsonNode model : report.get("models")) {
            List<Generation> generations = byModel.get(model.get("model").asString());
            assertThat(model.get("messages").asLong()).isEqualTo(generations.size());
            assertThat(model.get("inputTokens").asLong()).isEqualTo(generations.stream().mapToLong(Generation::input).sum());
            List<Long> latencies = generations.stream().map(Generation::latency).filter(l -> l != null).sorted().toList();
            if (latencies.isEmpty()) {
                assertThat(model.get("latencyP50Ms").isNull() || !model.has("latencyP50Ms")).isTrue();
            } else {
                assertThat(model.get("latencyP50Ms").asDouble()).isCloseTo(percentile(latencies, 0.5), within(1e-6));
                assertThat(model.get("latencyP95Ms").asDouble()).isCloseTo(percentile(latencies, 0.95), within(1e-6));
            }
        }
        Map<String, Long> byProvider = expected.generations().stream()
                .collect(Collectors.groupingBy(Generation::provider, Collectors.counting()));
        for (JsonNode provider : report.get("providers")) {
            assertThat(provider.get("messages").asLong()).isEqualTo(byProvider.get(provider.get("provider").asString()));
        }
        assertThat(report.get("providers")).hasSize(byProvider.size());
        List<String> top = expected.topUsers();
        List<String> reported = new ArrayList<>();
        report.get("topUsers").forEach(user -> reported.add(user.get("userId").asString()));
        assertThat(reported).containsExactlyElementsOf(top);
        assertThat(reported).as("the seeded heavy user leads").first().asString().startsWith("analytics-heavy-");
    }

    /** Users with free and bring-your-own-key generations, usage and latencies; returns each user's last seq. */
    private static Map<String, Long> seed(LocalStack stack) {
        Map<String, Long> lastSeqs = new HashMap<>();
        Random random = new Random(7);
        String run = UUID.randomUUID().toString().substring(0, 8);
        try (CommandClient commands = new CommandClient(stack.kafkaBootstrapServers())) {
            for (int u = 0; u < 6; u++) {
                String user = (u == 0 ? "analytics-heavy-" : "analytics-" + u + "-") + run;
                commands.send(user, new StartConversation("c1", null)).block(Duration.ofSeconds(30));
                if (u % 2 == 1) {
                    commands.send(user, new StoreApiKey(Provider.ANTHROPIC, new SealedSecret("k", "eA"), "abcd", null))
                            .block(Duration.ofSeconds(30));
                }
                int generations = u == 0 ? 40 : 3 + u;
                for (int g = 0; g < generations; g++) {
                    String model = u % 2 == 1 && g % 2 == 0 ? "claude-sonnet-4-5" : g % 3 == 0 ? "gpt-4o-mini" : "demo";
                    String id = "g" + g;
                    // Each in its own conversation: some are left running, and a conversation runs one reply at a time.
                    commands.send(user, new StartGeneration(id, "c-" + id, model, "ignored", null, null, null, true, null))
                            .block(Duration.ofSeconds(30));
                    if (g % 4 != 3) {
                        lastSeqs.put(user, commands.send(user, CompleteGeneration.completed(id, "stop",
                                new TokenUsage(random.nextInt(2000), random.nextInt(800), 0), 50 + random.nextInt(3000)))
                                .block(Duration.ofSeconds(30)).seq());
                    }
                }
            }
            // One who erases the account and comes back the same day: one active user, not two.
            String returning = "analytics-returning-" + run;
            for (int round = 0; round < 2; round++) {
                String id = "r" + round;
                commands.send(returning, new StartGeneration(id, "c-" + id, "demo", "ignored", null, null, null, true, null))
                        .block(Duration.ofSeconds(30));
                lastSeqs.put(returning, commands.send(returning, CompleteGeneration.completed(id, "stop",
                        new TokenUsage(10 + round, 20, 0), 100)).block(Duration.ofSeconds(30)).seq());
                if (round == 0) {
                    commands.send(returning, new EraseUser()).block(Duration.ofSeconds(30));
                }
            }
        }
        return lastSeqs;
    }

    /** The analytics, folded from the log by rules written here, not by the projector's SQL. */
    private record Expected(long messages, long byok, long activeOwners, Map<LocalDate, long[]> days,
            List<Generation> generations, List<String> topUsers) {

        double byokShare() {
            return messages == 0 ? 0 : (double) byok / messages;
        }

        static Expected fold(List<EventEnvelope> log) {
            Map<String, Map<String, Generation>> generations = new HashMap<>();
            record Usage(String owner, LocalDate day, long messages, long byok, long input, long output) {
            }
            List<Usage> usage = new ArrayList<>();
            // A person is their anonymous id once they have erased their account, whatever they did after.
            Map<String, String> erasedAs = new HashMap<>();
            for (EventEnvelope event : log) {
                String user = event.userId();
                if (event.payload() instanceof GenerationStarted started) {
                    Generation generation = new Generation(user, started.model(), started.provider(), started.byok(),
                            day(event), null, 0, 0);
                    generations.computeIfAbsent(user, k -> new HashMap<>()).put(started.generationId(), generation);
                    usage.add(new Usage(user, day(event), 1, started.byok() ? 1 : 0, 0, 0));
                } else if (event.payload() instanceof GenerationCompleted completed) {
                    Generation started = generations.get(user).get(completed.generationId());
                    generations.get(user).put(completed.generationId(), new Generation(started.owner(), started.model(),
                            started.provider(), started.byok(), started.day(), completed.latencyMs(),
                            completed.usage().input(), completed.usage().output()));
                    usage.add(new Usage(user, started.day(), 0, 0, completed.usage().input(), completed.usage().output()));
                } else if (event.payload() instanceof UserErased) {
                    generations.remove(user);
                    String anonymous = erasedAs.computeIfAbsent(user, u -> "erased-" + event.eventId());
                    for (int i = 0; i < usage.size(); i++) {
                        Usage row = usage.get(i);
                        if (row.owner().equals(user)) {
                            usage.set(i, new Usage(anonymous, row.day(), row.messages(), row.byok(), row.input(), row.output()));
                        }
                    }
                }
            }
            Map<String, Map<LocalDate, long[]>> perOwnerDay = new HashMap<>();
            for (Usage row : usage) {
                long[] sums = perOwnerDay.computeIfAbsent(row.owner(), k -> new TreeMap<>()).computeIfAbsent(row.day(), d -> new long[4]);
                sums[0] += row.messages();
                sums[1] += row.byok();
                sums[2] += row.input();
                sums[3] += row.output();
            }
            Map<LocalDate, long[]> days = new TreeMap<>();
            Map<LocalDate, java.util.Set<String>> activePeople = new HashMap<>();
            long messages = 0;
            long byok = 0;
            Map<String, Long> messagesByOwner = new HashMap<>();
            perOwnerDay.forEach((who, byDay) -> byDay.forEach((day, sums) -> {
                long[] d = days.computeIfAbsent(day, k -> new long[4]);
                if (sums[0] > 0 && activePeople.computeIfAbsent(day, k -> new java.util.HashSet<>())
                        .add(erasedAs.getOrDefault(who, who))) {
                    d[0]++;
                }
                d[1] += sums[0];
                d[2] += sums[2];
                d[3] += sums[3];
                messagesByOwner.merge(who, sums[0], Long::sum);
            }));
            days.values().removeIf(d -> d[1] == 0 && d[2] == 0 && d[3] == 0 && d[0] == 0);
            for (long[] d : days.values()) {
                messages += d[1];
            }
            for (Map<LocalDate, long[]> byDay : perOwnerDay.values()) {
                for (long[] sums : byDay.values()) {
                    byok += sums[1];
                }
            }
            long active = perOwnerDay.entrySet().stream()
                    .filter(owner -> owner.getValue().values().stream().anyMatch(s -> s[0] > 0))
                    .map(owner -> erasedAs.getOrDefault(owner.getKey(), owner.getKey())).distinct().count();
            List<String> top = messagesByOwner.entrySet().stream()
                    .filter(e -> !e.getKey().startsWith("erased-"))
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                    .limit(10).map(Map.Entry::getKey).toList();
            List<Generation> all = generations.values().stream().flatMap(m -> m.values().stream()).toList();
            return new Expected(messages, byok, active, days, all, top);
        }
    }

    /** PostgreSQL's percentile_cont: linear interpolation between the closest ranks. */
    private static double percentile(List<Long> sorted, double fraction) {
        double position = fraction * (sorted.size() - 1);
        int lower = (int) Math.floor(position);
        int upper = (int) Math.ceil(position);
        return sorted.get(lower) + (position - lower) * (sorted.get(upper) - sorted.get(lower));
    }

    private static LocalDate day(EventEnvelope event) {
        return LocalDate.ofInstant(event.occurredAt(), ZoneOffset.UTC);
    }

    private static List<EventEnvelope> allEvents(LocalStack stack) {
        return EventsTopic.readAll(stack.kafkaBootstrapServers());
    }
}
