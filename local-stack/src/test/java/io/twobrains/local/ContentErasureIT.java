package io.twobrains.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.twobrains.contract.content.ContentCipher;
import io.twobrains.contract.content.SealedContent;
import io.twobrains.contract.event.MessageAppended;
import io.twobrains.contract.message.TextPart;
import io.twobrains.testkit.ApiClient;
import io.twobrains.testkit.SseStream;
import io.twobrains.testkit.TestMcpServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Crypto-shredding: a user's content (a title, a message, a chat with its generated title and reply,
 * a tool's input and result) is sealed with the user's data key wherever it is stored, and readable
 * only through the API; once the account is erased and the destroyed key purged, neither the content
 * nor a usable copy of the key is anywhere: no topic, no file under the data directory (Kafka's log
 * segments, RocksDB, PostgreSQL's tables and write-ahead log), no log line.
 */
class ContentErasureIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void afterErasureAndThePurgeNoPlaintextOfTheUsersContentAndNoUsableKeyRemainAnywhere() throws Exception {
        LocalStack stack = Stacks.shared();
        ListAppender<ILoggingEvent> logs = SecretCanaryIT.captureLogs();
        String canary = "canary" + UUID.randomUUID().toString().replace("-", "");
        String user = "shred-" + UUID.randomUUID();
        ApiClient api = Stacks.client(stack, user);

        try (TestMcpServer tools = TestMcpServer.start(TestMcpServer.Transport.STREAMABLE_HTTP)) {
            assertThat(api.post("/api/conversations", Map.of("id", "titled", "title", "Title " + canary)).status())
                    .isEqualTo(201);
            assertThat(api.post("/api/conversations/titled/messages", Map.of("role", "user", "parts",
                    List.of(Map.of("type", "text", "text", "Message " + canary)))).status()).isEqualTo(201);
            assertThat(api.patch("/api/conversations/titled", Map.of("title", "Renamed " + canary)).status()).isEqualTo(200);
            chat(api, "chatted", "Chat about " + canary, null);
            assertThat(api.post("/api/mcp-servers", Map.of("id", "echo", "name", "Echo", "url", tools.url(),
                    "transport", "http")).status()).isEqualTo(201);
            assertThat(api.patch("/api/settings", Map.of("enabledMcpServers", List.of("echo"))).status()).isEqualTo(200);
            chat(api, "tooled", "use tool:repeat " + canary + " please", "gpt-4o-mini");
        }

        // The owner reads it all back in the open.
        await().atMost(WAIT).untilAsserted(() -> assertThat(api.get("/api/conversations").text())
                .contains("Renamed " + canary).contains("chatted"));
        assertThat(api.get("/api/conversations/titled/messages").text()).contains("Message " + canary);
        assertThat(api.get("/api/conversations/chatted/messages").text()).contains("Chat about " + canary);
        assertThat(api.get("/api/conversations/tooled/messages").text()).contains("\"dynamic-tool\"")
                .contains(canary + canary);

        JdbcTemplate sql = new JdbcTemplate(new DriverManagerDataSource(stack.postgresJdbcUrl(), "postgres", "postgres"));
        String sealedKey = sql.queryForObject("select sealed_key from vault.content_keys where user_id = ?", String.class, user);
        List<byte[]> canaries = List.of(bytes(canary), bytes(sealedKey));
        // Sealed wherever it is stored, already before the erasure; the log's copy opens with the vault's key.
        PlaintextSearch.topics(stack, List.of(bytes(canary)));
        assertThat(loggedMessages(stack, user)).contains("Message " + canary);

        assertThat(api.send("DELETE", "/api/account", null).status()).isEqualTo(202);
        ApiClient admin = new ApiClient(stack.doorUrl(), Stacks.mint(stack).token("shredder", "admin"));
        assertThat(admin.post("/api/admin/content-keys/purge", null).status()).isEqualTo(204);

        assertThat(sql.queryForList("select user_id from vault.content_keys where user_id = ?", String.class, user)).isEmpty();
        assertThat(loggedMessages(stack, user)).as("the log keeps the records, and none opens").isNotEmpty()
                .allMatch(SealedContent.UNREADABLE::equals);
        assertThat(api.get("/api/conversations").text()).doesNotContain("titled");
        PlaintextSearch.topics(stack, canaries);
        PlaintextSearch.files(stack.settings().dataDir(), canaries);
        for (ILoggingEvent event : logs.list) {
            PlaintextSearch.assertAbsent("a log line of " + event.getLoggerName() + ": " + event.getFormattedMessage(),
                    bytes(event.getFormattedMessage() + event.getThrowableProxy()), canaries);
        }
    }

    private static void chat(ApiClient api, String conversation, String text, String model) {
        Map<String, Object> message = Map.of("id", "u-" + conversation, "role", "user", "parts",
                List.of(Map.of("type", "text", "text", text)));
        Map<String, Object> body = model == null
                ? Map.of("id", conversation, "messages", List.of(message), "trigger", "submit-message")
                : Map.of("id", conversation, "messages", List.of(message), "trigger", "submit-message", "model", model);
        try (SseStream stream = api.stream("POST", "/api/chat", body)) {
            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.rest()).anyMatch(chunk -> chunk.contains("\"finish\""));
        }
    }

    /** The texts of the user's messages in {@code chat.events}, opened with the user's key as the vault gives it now. */
    private static List<String> loggedMessages(LocalStack stack, String user) {
        ContentCipher key = Stacks.contentKey(stack, user);
        return Stacks.events(stack, user).stream()
                .filter(event -> event.payload() instanceof MessageAppended)
                .map(event -> (MessageAppended) event.payload())
                .flatMap(appended -> SealedContent.open(key, appended.conversationId(), appended.messageId(), appended.parts())
                        .stream())
                .filter(TextPart.class::isInstance)
                .map(part -> ((TextPart) part).text())
                .toList();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
