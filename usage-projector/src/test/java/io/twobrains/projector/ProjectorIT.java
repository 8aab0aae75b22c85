package io.twobrains.projector;

import static org.assertj.core.api.Assertions.assertThat;

import io.twobrains.contract.RecordHeaders;
import io.twobrains.contract.Topics;
import io.twobrains.contract.event.ApiKeyStored;
import io.twobrains.contract.event.ConversationStarted;
import io.twobrains.contract.event.EventEnvelope;
import io.twobrains.contract.event.GenerationCompleted;
import io.twobrains.contract.event.GenerationStarted;
import io.twobrains.contract.event.McpServerAdded;
import io.twobrains.contract.event.McpServerRemoved;
import io.twobrains.contract.event.SecretsResealed;
import io.twobrains.contract.event.SettingsChanged;
import io.twobrains.contract.event.UserErased;
import io.twobrains.contract.generation.TokenUsage;
import io.twobrains.contract.profile.McpTransport;
import io.twobrains.contract.profile.Provider;
import io.twobrains.contract.profile.SealedSecret;
import io.twobrains.contract.profile.SettingsPatch;
import io.twobrains.contract.profile.Theme;
import io.twobrains.contract.json.EventCodec;
import io.twobrains.testkit.TestKafka;
import io.twobrains.testkit.TestPostgres;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The projector against a real broker and a real PostgreSQL: tables are the exact fold of the log,
 * whatever happens to the projector mid-batch, and a replay from offset 0 gives identical tables.
 * The topic is shared by the tests of the run (each test has its own database), so every check is
 * about the test's own users.
 */
class ProjectorIT {

    private static final Instant DAY1 = Instant.parse("2026-06-01T10:00:00Z");

    private final String database = TestPostgres.newDatabase();
    private final JdbcTemplate sql = new JdbcTemplate(new DriverManagerDataSource(database, "postgres", "postgres"));
    private ConfigurableApplicationContext projector;

    @AfterEach
    void stop() {
        if (projector != null) {
            projector.close();
        }
    }

    @Test
    void everyKindOfEventLandsInItsTable() {
        String user = "u-" + UUID.randomUUID();
        SealedSecret sealed = new SealedSecret("k1", "c2VhbGVk");
        try (EventLog log = new EventLog(TestKafka.bootstrapServers())) {
            log.write(user, DAY1, new ConversationStarted("c1", null));
            log.write(user, DAY1, new SettingsChanged(new SettingsPatch("gpt-4o-mini", null, true, Theme.DARK, null, null)));
            log.write(user, DAY1, new ApiKeyStored(Provider.ANTHROPIC, sealed, "wxyz", null));
            log.write(user, DAY1, new McpServerAdded("docs", "Docs", "https://mcp.example.com", McpTransport.HTTP, sealed,
                    List.of("Authorization"), true));
            log.write(user, DAY1, new SettingsChanged(new SettingsPatch(null, null, null, null, null, List.of("docs"))));
            log.write(user, DAY1, new GenerationStarted("g1", "c1", "gpt-4o-mini", "openai", false, 1, 1, null, null));
            log.write(user, DAY1.plusSeconds(3), new GenerationCompleted("g1", "c1", "gpt-4o-mini", "openai", false, "stop",
                    new TokenUsage(100, 40, 7), 3000, null));
            log.write(user, DAY1, new GenerationStarted("g2", "c1", "claude-sonnet-4-5", "anthropic", true, 1, 1, null, null));
            log.write(user, DAY1, new McpServerRemoved("docs"));
            log.flush();
            startProjector();
            awaitSeq(user, log.seq(user));
        }

        Map<String, Object> settings = sql.queryForMap("select * from user_settings where user_id = ?", user);
        assertThat(settings).containsEntry("selected_model", "gpt-4o-mini").containsEntry("theme", "dark")
                .containsEntry("web_search_enabled", true);
        assertThat(settings.get("enabled_mcp_servers").toString()).isEqualTo("[]");
        assertThat(sql.queryForMap("select * from user_api_keys where user_id = ?", user))
                .containsEntry("provider", "anthropic").containsEntry("hint", "wxyz").containsEntry("ciphertext", "c2VhbGVk");
        assertThat(sql.queryForObject("select count(*) from mcp_servers where user_id = ?", Long.class, user)).isZero();
        Map<String, Object> usage = sql.queryForMap("select * from usage_daily where user_id = ?", user);
        assertThat(usage).containsEntry("messages", 2L).containsEntry("free_messages", 1L).containsEntry("byok_messages", 1L)
                .containsEntry("input_tokens", 100L).containsEntry("output_tokens", 40L).containsEntry("reasoning_tokens", 7L);
        assertThat(usage.get("per_model").toString()).contains("\"gpt-4o-mini\"", "\"claude-sonnet-4-5\"");
        assertThat(sql.queryForList("select finish_reason from generations where user_id = ? order by generation_id",
                String.class, user)).containsExactly("stop", null);
    }

    @Test
    void noSampleOfASealedSecretReachesTheStatistics() {
        String user = "u-" + UUID.randomUUID();
        try (EventLog log = new EventLog(TestKafka.bootstrapServers())) {
            log.write(user, DAY1, new ApiKeyStored(Provider.OPENAI, new SealedSecret("k1", "c2VhbGVkLWtleQ=="), "abcd", null));
            log.write(user, DAY1, new McpServerAdded("docs", "Docs", "https://mcp.example.com", McpTransport.HTTP,
                    new SealedSecret("k1", "c2VhbGVkLWhlYWRlcnM="), List.of("Authorization"), true));
            log.flush();
            startProjector();
            awaitSeq(user, log.seq(user));
        }

        sql.execute("analyze user_api_keys, mcp_servers");

        assertThat(sql.queryForList("select tablename || '.' || attname from pg_stats where tablename in"
                + " ('user_api_keys', 'mcp_servers')", String.class))
                .as("columns ANALYZE sampled").contains("user_api_keys.hint", "mcp_servers.name")
                .doesNotContain("user_api_keys.ciphertext", "mcp_servers.headers_ciphertext");
    }

    @Test
    void aResealReplacesOnlyTheCiphertextsItNamesAndCountsNothing() {
        String user = "u-" + UUID.randomUUID();
        SealedSecret old = new SealedSecret("old", "b2xk");
        SealedSecret resealed = new SealedSecret("new", "bmV3");
        try (EventLog log = new EventLog(TestKafka.bootstrapServers())) {
            log.write(user, DAY1, new ApiKeyStored(Provider.OPENAI, old, "abcd", null));
            log.write(user, DAY1, new ApiKeyStored(Provider.GOOGLE, old, "wxyz", null));
            log.write(user, DAY1, new McpServerAdded("docs", "Docs", "https://mcp.example.com", McpTransport.HTTP, old,
                    List.of("Authorization"), true));
            log.write(user, DAY1.plus(Duration.ofDays(1)), new SecretsResealed(
                    List.of(new SecretsResealed.ApiKey(Provider.OPENAI, resealed)),
                    List.of(new SecretsResealed.McpHeaders("docs", resealed))));
            log.flush();
            startProjector();
            awaitSeq(user, log.seq(user));
        }

        assertThat(sql.queryForMap("select * from user_api_keys where user_id = ? and provider = 'openai'", user))
                .containsEntry("key_id", "new").containsEntry("ciphertext", "bmV3").containsEntry("hint", "abcd")
                .containsEntry("updated_at", java.sql.Timestamp.from(DAY1));
        assertThat(sql.queryForMap("select * from user_api_keys where user_id = ? and provider = 'google'", user))
                .as("a key the re-seal does not name").containsEntry("key_id", "old");
        assertThat(sql.queryForMap("select * from mcp_servers where user_id = ?", user))
                .containsEntry("headers_key_id", "new").containsEntry("headers_ciphertext", "bmV3")
                .containsEntry("name", "Docs").containsEntry("updated_at", java.sql.Timestamp.from(DAY1));
        assertThat(sql.queryForMap("select * from users where user_id = ?", user))
                .as("the operator's re-seal is not the user being seen").containsEntry("last_seq", 4L)
                .containsEntry("last_seen_at", java.sql.Timestamp.from(DAY1));
        assertThat(sql.queryForObject("select count(*) from usage_daily where user_id = ?", Long.class, user)).isZero();
    }

    @Test
    void erasureRemovesTheUsersRowsAndKeepsUntraceableUsage() {
        String user = "u-" + UUID.randomUUID();
        try (EventLog log = new EventLog(TestKafka.bootstrapServers())) {
            log.write(user, DAY1, new ApiKeyStored(Provider.OPENAI, new SealedSecret("k1", "eA"), "abcd", null));
            log.write(user, DAY1, new ConversationStarted("c1", null));
            log.write(user, DAY1, new GenerationStarted("g1", "c1", "demo", "demo", false, 1, 1, null, null));
            EventEnvelope erased = log.write(user, DAY1, new UserErased());
            log.flush();
            startProjector();
            awaitSeq(user, log.seq(user));

            for (String table : List.of("user_settings", "user_api_keys", "mcp_servers", "generations", "usage_daily")) {
                assertThat(sql.queryForObject("select count(*) from " + table + " where user_id = ?", Long.class, user))
                        .as(table).isZero();
            }
            assertThat(sql.queryForObject("select messages from usage_daily where user_id = ?", Long.class,
                    "erased-" + erased.eventId())).isEqualTo(1L);
            assertThat(sql.queryForMap("select * from users where user_id = ?", user))
                    .containsEntry("first_seen_at", null).containsEntry("last_seq", 4L);
        }
    }

    @Test
    void aProjectorKilledMidBatchLeavesTablesEqualToTheFoldOfAllEvents() throws Exception {
        Map<String, long[]> expected = new HashMap<>();
        try (EventLog log = new EventLog(TestKafka.bootstrapServers())) {
            writeUsage(log, 40, 60, expected);
            startProjector();
            // Kill the projector's database sessions over and over while it folds: every batch in flight
            // is rolled back, and the loop must rewind to the offsets committed with the last good batch.
            ScheduledExecutorService killer = Executors.newSingleThreadScheduledExecutor();
            AtomicInteger kills = new AtomicInteger();
            killer.scheduleAtFixedRate(() -> kills.addAndGet(sql.queryForObject("""
                    select count(pg_terminate_backend(pid)) from pg_stat_activity
                    where datname = current_database() and pid <> pg_backend_pid() and state <> 'idle'""", Integer.class)),
                    0, 15, TimeUnit.MILLISECONDS);
            Thread.sleep(1500);
            projector.close();
            killer.shutdownNow();
            killer.awaitTermination(5, TimeUnit.SECONDS);
            writeUsage(log, 40, 20, expected);
            startProjector();
            for (String user : expected.keySet()) {
                awaitSeq(user, log.seq(user));
            }
            assertThat(kills.get()).as("sessions were killed mid-batch").isPositive();
        }
        for (Map.Entry<String, long[]> user : expected.entrySet()) {
            Map<String, Object> usage = sql.queryForMap("""
                    select sum(messages) messages, sum(input_tokens) input, sum(output_tokens) output
                    from usage_daily where user_id = ?""", user.getKey());
            assertThat(new long[] {((Number) usage.get("messages")).longValue(), ((Number) usage.get("input")).longValue(),
                    ((Number) usage.get("output")).longValue()}).as(user.getKey()).containsExactly(user.getValue());
            assertThat(sql.queryForObject("select count(*) from generations where user_id = ?", Long.class, user.getKey()))
                    .isEqualTo(user.getValue()[0]);
        }
    }

    @Test
    void aReplayFromOffsetZeroGivesIdenticalTables() {
        try (EventLog log = new EventLog(TestKafka.bootstrapServers())) {
            writeUsage(log, 10, 30, new HashMap<>());
            String user = "u-" + UUID.randomUUID();
            log.write(user, DAY1, new SettingsChanged(new SettingsPatch(null, null, null, Theme.LIGHT, null, null)));
            log.write(user, DAY1, new ApiKeyStored(Provider.GOOGLE, new SealedSecret("k1", "eQ"), "wxyz", null));
            log.write(user, DAY1, new UserErased());
            log.flush();
            startProjector();
            awaitSeq(user, log.seq(user));
            log.written().stream().map(EventEnvelope::userId).distinct().forEach(u -> awaitSeq(u, log.seq(u)));
        }
        Map<String, List<Map<String, Object>>> live = snapshot();
        projector.close();
        projector = null;

        long folded = UsageProjectorApplication.replay(arguments());

        assertThat(folded).isPositive();
        assertThat(snapshot()).isEqualTo(live);
    }

    /**
     * An event that is read but that the database refuses (a NUL in a name: PostgreSQL text cannot hold
     * one; names have refused control characters since, but the log keeps what was written before) goes
     * to chat.dlq, and the fold goes on: the user's later events, and everyone else's, still land.
     */
    @Test
    void anEventTheDatabaseRefusesGoesToTheDlqAndTheFoldGoesOn() {
        String user = "u-" + UUID.randomUUID();
        SealedSecret sealed = new SealedSecret("k1", "c2VhbGVk");
        EventEnvelope refused;
        try (EventLog log = new EventLog(TestKafka.bootstrapServers())) {
            log.write(user, DAY1, new McpServerAdded("ok1", "Fine", "https://mcp.example.com", McpTransport.HTTP, sealed,
                    List.of(), true));
            refused = log.write(user, DAY1, new McpServerAdded("bad", "nul\u0000name", "https://mcp.example.com",
                    McpTransport.HTTP, sealed, List.of(), true));
            log.write(user, DAY1, new McpServerAdded("ok2", "Also fine", "https://mcp.example.com", McpTransport.HTTP, sealed,
                    List.of(), true));
            log.flush();
            startProjector();
            awaitSeq(user, log.seq(user));
        }

        assertThat(sql.queryForList("select server_id from mcp_servers where user_id = ? order by 1", String.class, user))
                .containsExactly("ok1", "ok2");
        ConsumerRecord<String, byte[]> letter = deadLetterOf(refused);
        assertThat(header(letter, RecordHeaders.DLQ_REASON)).isEqualTo("unfoldable event");
        assertThat(header(letter, RecordHeaders.DLQ_TOPIC)).isEqualTo(Topics.EVENTS);
        assertThat(header(letter, RecordHeaders.DLQ_EXCEPTION)).startsWith("org.springframework.dao.DataIntegrityViolationException");
    }

    /** The dead letter of this event in chat.dlq (read from the start; the topic is shared by the run). */
    private static ConsumerRecord<String, byte[]> deadLetterOf(EventEnvelope event) {
        try (KafkaConsumer<String, byte[]> dlq = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
            List<TopicPartition> partitions = dlq.partitionsFor(Topics.DLQ).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            dlq.assign(partitions);
            dlq.seekToBeginning(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : dlq.poll(Duration.ofMillis(200))) {
                    if (event.userId().equals(record.key()) && EventCodec.fromBytes(record.value()).eventId().equals(event.eventId())) {
                        return record;
                    }
                }
            }
        }
        throw new AssertionError("no dead letter of event " + event.eventId());
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** Generations with usage for {@code users} users, {@code perUser} each; adds them to {@code expected}. */
    private static void writeUsage(EventLog log, int users, int perUser, Map<String, long[]> expected) {
        Random random = new Random(42);
        for (int n = 0; n < perUser; n++) {
            for (int u = 0; u < users; u++) {
                String user = "load-" + u + "-" + System.identityHashCode(expected);
                String generation = "g" + log.seq(user);
                Instant at = DAY1.plus(Duration.ofHours(random.nextInt(72)));
                long input = random.nextInt(1000);
                long output = random.nextInt(500);
                log.write(user, at, new GenerationStarted(generation, "c1", "demo", "demo", false, 1, 1, null, null));
                log.write(user, at.plusSeconds(1), new GenerationCompleted(generation, "c1", "demo", "demo", false, "stop",
                        new TokenUsage(input, output, 0), 900, null));
                long[] sums = expected.computeIfAbsent(user, k -> new long[3]);
                sums[0] += 1;
                sums[1] += input;
                sums[2] += output;
            }
        }
        log.flush();
    }

    private Map<String, List<Map<String, Object>>> snapshot() {
        Map<String, List<Map<String, Object>>> tables = new HashMap<>();
        for (String table : List.of("users", "user_settings", "user_api_keys", "mcp_servers", "usage_daily", "generations",
                "projector_offsets")) {
            tables.put(table, sql.queryForList("select * from " + table + " order by 1, 2"));
        }
        return tables;
    }

    private void startProjector() {
        projector = UsageProjectorApplication.application().run(arguments());
    }

    private String[] arguments() {
        return new String[] {
            "--server.port=0", "--spring.main.banner-mode=off",
            "--spring.kafka.bootstrap-servers=" + TestKafka.bootstrapServers(),
            "--spring.datasource.url=" + database, "--spring.datasource.username=postgres",
            "--spring.datasource.password=postgres",
            "--twobrains.projector.group-id=projector-" + UUID.randomUUID(),
            "--twobrains.projector.retry-backoff=50ms", "--twobrains.projector.batch-size=50"};
    }

    private void awaitSeq(String user, long seq) {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            List<Long> applied = sql.queryForList("select last_seq from users where user_id = ?", Long.class, user);
            if (!applied.isEmpty() && applied.get(0) >= seq) {
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("the projector did not reach seq " + seq + " of " + user);
    }
}
