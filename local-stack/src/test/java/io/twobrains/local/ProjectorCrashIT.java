package io.twobrains.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.twobrains.contract.command.CompleteGeneration;
import io.twobrains.contract.command.StartGeneration;
import io.twobrains.contract.generation.TokenUsage;
import io.twobrains.local.LocalStackSettings.Part;
import io.twobrains.projector.UsageProjectorApplication;
import io.twobrains.testkit.CommandClient;
import io.twobrains.testkit.EventsTopic;
import io.twobrains.testkit.UsageFold;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The projector killed with SIGKILL while it folds a write load, in a JVM of its own while the rest
 * of the stack runs here: once it has caught up, the Postgres totals are exactly the fold of the log.
 *
 * <p>Longer form: {@code -Dfaults.kills=10 -Dfaults.rowsBetweenKills=200} (default 1 and 20).
 */
class ProjectorCrashIT {

    private static final int KILLS = Integer.getInteger("faults.kills", 1);
    private static final int ROWS_BETWEEN_KILLS = Integer.getInteger("faults.rowsBetweenKills", 20);
    private static final Duration PATIENCE = Duration.ofMinutes(3);

    private LocalStack stack;
    private ChildJvm projector;
    private WriteLoad messages;
    private GenerationLoad generations;

    @AfterEach
    void stop() {
        if (generations != null) {
            generations.close();
        }
        if (messages != null) {
            messages.close();
        }
        if (projector != null) {
            projector.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void aProjectorKilledMidLoadCatchesUpToTotalsEqualToTheFoldOfTheLog() {
        LocalStackSettings settings = LocalStackSettings.freePorts(Stacks.tempDir("twobrains-projector-crash"))
                .withExternal(Part.PROJECTOR)
                // A killed member leaves the group when its session times out (45 s by default); a short
                // session only shortens the wait (positions live in Postgres, not in the group).
                .with(Map.of("spring.kafka.consumer.properties.[session.timeout.ms]", 6000,
                        "spring.kafka.consumer.properties.[heartbeat.interval.ms]", 1500,
                        "twobrains.quota.daily", 1_000_000, "twobrains.quota.monthly", 1_000_000));
        stack = LocalStack.start(settings, false);
        JdbcTemplate sql = new JdbcTemplate(new DriverManagerDataSource(stack.postgresJdbcUrl(), "postgres", "postgres"));
        projector = ChildJvm.start("projector-" + settings.projectorPort(), UsageProjectorApplication.class,
                stack.childArguments(Part.PROJECTOR));
        messages = WriteLoad.start(stack, "projected", 2);
        generations = GenerationLoad.start(stack, List.of("spender-0", "spender-1", "spender-2"));

        for (int kill = 1; kill <= KILLS; kill++) {
            awaitMoreRows(sql, ROWS_BETWEEN_KILLS);
            projector.kill();
            projector.startAgain();
        }
        awaitMoreRows(sql, ROWS_BETWEEN_KILLS);
        generations.stop();
        messages.stop();

        UsageFold expected = UsageFold.of(EventsTopic.readAll(stack.kafkaBootstrapServers()));
        assertThat(expected.generations()).as("the load made usage").isNotEmpty();
        Awaitility.await("the projector has caught up with the log").atMost(PATIENCE)
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertThat(lastSeqs(sql)).isEqualTo(expected.lastSeqs()));
        assertThat(daily(sql)).containsExactlyElementsOf(expected.daily());
        assertThat(generations(sql)).containsExactlyElementsOf(expected.generations());
    }

    /** Waits until the projector has written {@code more} usage rows (generations) beyond those there now. */
    private static void awaitMoreRows(JdbcTemplate sql, int more) {
        long target = count(sql) + more;
        Awaitility.await(more + " more generations projected").atMost(PATIENCE).pollInterval(Duration.ofMillis(200))
                .until(() -> count(sql) >= target);
    }

    /** Generations projected so far; none before the projector has created its tables. */
    private static long count(JdbcTemplate sql) {
        boolean created = sql.queryForObject("select to_regclass('generations') is not null", Boolean.class);
        return created ? sql.queryForObject("select count(*) from generations", Long.class) : 0;
    }

    private static Map<String, Long> lastSeqs(JdbcTemplate sql) {
        Map<String, Long> seqs = new TreeMap<>();
        sql.query("select user_id, last_seq from users", row -> {
            seqs.put(row.getString(1), row.getLong(2));
        });
        return seqs;
    }

    private static List<UsageFold.Daily> daily(JdbcTemplate sql) {
        return sql.query("""
                select user_id, day, messages, free_messages, byok_messages, input_tokens, output_tokens, reasoning_tokens
                from usage_daily order by user_id, day""", (row, n) -> new UsageFold.Daily(row.getString(1),
                row.getObject(2, java.time.LocalDate.class), row.getLong(3), row.getLong(4), row.getLong(5),
                row.getLong(6), row.getLong(7), row.getLong(8)));
    }

    private static List<UsageFold.Generation> generations(JdbcTemplate sql) {
        return sql.query("""
                select user_id, generation_id, model, day, finish_reason, input_tokens, output_tokens
                from generations order by user_id, generation_id""", (row, n) -> new UsageFold.Generation(
                row.getString(1), row.getString(2), row.getString(3), row.getObject(4, java.time.LocalDate.class),
                row.getString(5), row.getObject(6, Long.class), row.getObject(7, Long.class)));
    }

    /**
     * Users who each start and complete generations, one after the other, straight on chat.commands
     * (the processor path of a chat turn without a model: cheap, and it moves every usage figure).
     */
    private static final class GenerationLoad implements AutoCloseable {

        private final CommandClient commands;
        private final Thread thread;
        private volatile boolean running = true;

        private GenerationLoad(LocalStack stack, List<String> users) {
            commands = new CommandClient(stack.kafkaBootstrapServers());
            thread = new Thread(() -> run(users), "generation-load");
        }

        static GenerationLoad start(LocalStack stack, List<String> users) {
            GenerationLoad load = new GenerationLoad(stack, users);
            load.thread.start();
            return load;
        }

        private void run(List<String> users) {
            Random random = new Random(11);
            for (int g = 0; running; g++) {
                String user = users.get(g % users.size());
                String id = "g" + g;
                try {
                    // Each in its own conversation: a conversation runs one reply at a time; every third is left running.
                    commands.send(user, new StartGeneration(id, "c-" + id, "demo", "demo", null, null, null, true, null))
                            .block(Duration.ofSeconds(60));
                    if (g % 3 != 2) {
                        commands.send(user, CompleteGeneration.completed(id, "stop",
                                new TokenUsage(random.nextInt(2000), random.nextInt(800), random.nextInt(50)),
                                50 + random.nextInt(3000))).block(Duration.ofSeconds(60));
                    }
                } catch (RuntimeException e) {
                    // An outcome not known in time changes nothing: the fold reads whatever the log holds.
                }
            }
        }

        void stop() {
            running = false;
            try {
                thread.join(Duration.ofMinutes(2).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void close() {
            running = false;
            commands.close();
        }
    }
}
