package io.twobrains.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.twobrains.contract.RecordHeaders;
import io.twobrains.contract.Topics;
import io.twobrains.contract.command.CompleteGeneration;
import io.twobrains.contract.command.StartGeneration;
import io.twobrains.contract.generation.TokenUsage;
import io.twobrains.contract.json.ChatJson;
import io.twobrains.local.PoisonWriter.Written;
import io.twobrains.testkit.ApiClient;
import io.twobrains.testkit.ApiClient.Response;
import io.twobrains.testkit.CommandClient;
import io.twobrains.testkit.SseStream;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A poison record - bad JSON, an unknown type, oversized - on any topic goes to chat.dlq with the
 * original key, why and where it came from, and the processing of that topic goes on. The stack is a
 * private one: naive readers of chat.events in other test classes would choke on the poison. Its
 * demo model is slow, and a second node joins while replies run ({@link MovedReplies}), so that
 * replies are followed through chat.deltas and stopped through chat.control while poison is there.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PoisonRecordIT {

    private static final String LONG_TEXT = "follow me past the poison ".repeat(30).trim();

    private static LocalStack stack;
    private static MovedReplies moved;
    private static DeadLetterQueue dlq;

    @BeforeAll
    static void start() throws Exception {
        stack = LocalStack.start(LocalStackSettings.freePorts(Stacks.tempDir("twobrains-poison"))
                .with(Map.of("twobrains.chat.demo-token-delay", "250ms")), false);
        dlq = new DeadLetterQueue(stack.kafkaBootstrapServers());
        moved = MovedReplies.start(stack, "poison", 2, LONG_TEXT);
    }

    @AfterAll
    static void stop() {
        if (dlq != null) {
            dlq.close();
        }
        if (moved != null) {
            moved.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void poisonCommandsAreDeadLetteredAndTheNextWriteIsAcknowledged() {
        String user = newUser();
        List<Written> poison;
        try (PoisonWriter writer = PoisonWriter.idempotent(stack.kafkaBootstrapServers())) {
            poison = writer.writeEachKind(Topics.COMMANDS, user, typed("type", PoisonWriter.UNKNOWN_TYPE)
                    .put("commandId", UUID.randomUUID().toString()).put("userId", user)
                    .put("issuedAt", "2026-01-01T00:00:00Z").set("payload", ChatJson.MAPPER.createObjectNode()));
        }

        assertDeadLettered(poison, "malformed command");
        assertWritesAreAcknowledgedAndReadable(user);
    }

    @Test
    void poisonEventsAreDeadLetteredAndTheProjectorFoldsOnPastThem() {
        String user = newUser();
        List<Written> poison;
        try (PoisonWriter writer = PoisonWriter.transactional(stack.kafkaBootstrapServers())) {
            poison = writer.writeEachKind(Topics.EVENTS, user, typed("type", PoisonWriter.UNKNOWN_TYPE)
                    .put("eventId", UUID.randomUUID().toString()).put("userId", user).put("seq", 1)
                    .put("commandId", UUID.randomUUID().toString()).put("occurredAt", "2026-01-01T00:00:00Z")
                    .put("version", 1));
        }

        assertDeadLettered(poison, "unreadable event");
        ApiClient api = Stacks.client(stack, user);
        assertThat(api.post("/api/conversations", Map.of("id", "c1")).status()).isEqualTo(201);
        try (CommandClient commands = new CommandClient(stack.kafkaBootstrapServers())) {
            commands.send(user, StartGeneration.bare("g1", "c1", "demo", "demo", null)).block(Duration.ofSeconds(30));
            commands.send(user, CompleteGeneration.completed("g1", "stop", new TokenUsage(10, 20, 0), 100))
                    .block(Duration.ofSeconds(30));
        }
        JdbcTemplate postgres = new JdbcTemplate(new DriverManagerDataSource(stack.postgresJdbcUrl(), "postgres", "postgres"));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(postgres.queryForObject(
                "select coalesce(sum(output_tokens), 0) from usage_daily where user_id = ?", Long.class, user))
                .as("the projector's totals move on after the poison").isEqualTo(20));
        Written last = poison.get(poison.size() - 1);
        assertThat(postgres.queryForObject("select next_offset from projector_offsets where topic = ? and partition = ?",
                Long.class, Topics.EVENTS, last.partition())).isGreaterThan(last.offset());
    }

    @Test
    @Order(2)
    void poisonDeltasAreDeadLetteredAndAReplyIsStillFollowedWholeFromAnotherNode() {
        MovedReplies.Moved reply = moved.moved().get(0);
        List<Written> poison;
        try (PoisonWriter writer = PoisonWriter.idempotent(stack.kafkaBootstrapServers())) {
            poison = writer.writeEachKind(Topics.DELTAS, reply.user(), PoisonDeltas.unknownChunk(reply.user(),
                    reply.conversation()));
        }
        ApiClient there = moved.atSecondNode(stack, reply.user());
        String followed;
        try (SseStream follower = MovedReplies.untilSettled(
                () -> there.stream("GET", "/api/chat/" + reply.conversation() + "/stream", null), SseStream::status)) {
            assertThat(follower.status()).isEqualTo(200);
            followed = text(follower.rest());
        }
        reply.stream().rest();

        assertDeadLettered(poison, "unreadable delta");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(savedReply(there, reply.conversation()))
                .as("the follower got the whole reply").isEqualTo(followed));
    }

    /** First: the moved replies all started together, and the one that is followed is read to its end. */
    @Test
    @Order(1)
    void poisonControlRecordsAreDeadLetteredAndAStopFromAnotherNodeStillStopsAReply() {
        MovedReplies.Moved reply = moved.moved().get(moved.moved().size() - 1);
        List<Written> poison;
        try (PoisonWriter writer = PoisonWriter.plain(stack.kafkaBootstrapServers())) {
            poison = writer.writeEachKind(Topics.CONTROL, reply.user(), typed("type", PoisonWriter.UNKNOWN_TYPE)
                    .put("userId", reply.user()).put("conversationId", reply.conversation()).put("generationId", "g-poison"));
        }
        assertDeadLettered(poison, "unreadable control record");

        ApiClient there = moved.atSecondNode(stack, reply.user());
        Response stopped = MovedReplies.untilSettled(() -> there.post("/api/chat/" + reply.conversation() + "/stop", null),
                Response::status);

        assertThat(stopped.status()).isEqualTo(204);
        assertThat(reply.stream().rest()).anyMatch(chunk -> chunk.contains("\"abort\""));
    }

    /** Each poison record has a dead letter with its key, the reason, and its topic, partition and offset. */
    private static void assertDeadLettered(List<Written> poison, String reason) {
        assertThat(poison).hasSize(PoisonWriter.Kind.values().length);
        for (Written record : poison) {
            ConsumerRecord<String, byte[]> letter = dlq.awaitDeadLetterOf(record.topic(), record.partition(), record.offset());
            assertThat(letter.key()).as("the original key").isEqualTo(record.key());
            assertThat(DeadLetterQueue.header(letter, RecordHeaders.DLQ_REASON)).isEqualTo(reason);
            assertThat(DeadLetterQueue.header(letter, RecordHeaders.DLQ_EXCEPTION)).as(record.kind().name())
                    .contains(record.kind().described);
        }
    }

    private static void assertWritesAreAcknowledgedAndReadable(String user) {
        ApiClient api = Stacks.client(stack, user);
        Response created = api.post("/api/conversations", Map.of("id", "after-poison", "title", "still here"));
        assertThat(created.status()).isEqualTo(201);
        Response read = api.withHeader("X-Chat-Min-Seq", Long.toString(created.seq())).get("/api/conversations/after-poison");
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().get("title").asString()).isEqualTo("still here");
    }

    private static String savedReply(ApiClient api, String conversationId) {
        JsonNode messages = api.get("/api/conversations/" + conversationId + "/messages").json().get("items");
        assertThat(messages).hasSize(2);
        StringBuilder text = new StringBuilder();
        messages.get(1).get("parts").forEach(part -> {
            if (part.path("type").asString().equals("text")) {
                text.append(part.get("text").asString());
            }
        });
        return text.toString();
    }

    private static String text(List<String> data) {
        assertThat(data).as("a followed stream ends with [DONE]").isNotEmpty().last().isEqualTo("[DONE]");
        StringBuilder text = new StringBuilder();
        for (String payload : data.subList(0, data.size() - 1)) {
            JsonNode chunk = ChatJson.MAPPER.readTree(payload);
            assertThat(chunk.get("type").asString()).as("no poison reaches the client").isNotEqualTo(PoisonWriter.UNKNOWN_TYPE);
            if (chunk.get("type").asString().equals("text-delta")) {
                text.append(chunk.get("delta").asString());
            }
        }
        return text.toString();
    }

    private static Map<String, Object> turn(String conversationId, String text) {
        Map<String, Object> message = Map.of("id", "m-" + conversationId, "role", "user",
                "parts", List.of(Map.of("type", "text", "text", text)));
        return Map.of("id", conversationId, "messages", List.of(message), "trigger", "submit-message", "model", "demo");
    }

    private static ObjectNode typed(String field, String type) {
        return ChatJson.MAPPER.createObjectNode().put(field, type);
    }

    private static String newUser() {
        return "poison-" + UUID.randomUUID();
    }
}
