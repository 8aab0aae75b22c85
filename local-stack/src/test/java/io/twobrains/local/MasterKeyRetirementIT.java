package io.twobrains.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.twobrains.contract.event.ApiKeyStored;
import io.twobrains.contract.event.EventEnvelope;
import io.twobrains.contract.event.McpServerAdded;
import io.twobrains.contract.event.SecretsResealed;
import io.twobrains.testkit.ApiClient;
import io.twobrains.testkit.FakeOpenAi;
import io.twobrains.testkit.SseStream;
import io.twobrains.testkit.TestMcpServer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import tools.jackson.databind.JsonNode;

/**
 * Retiring a master key. A provider key, an MCP server's headers and the user's data key are sealed
 * under key A; with key B current (A still known) the admin's re-seal moves them all to B; then the stack
 * starts without A, and the provider key and the headers still open for a chat (in the processor's live
 * state, and again after rebuilding it and replaying the projector from a log whose old events keep A's
 * ciphertexts), and the user's messages still read.
 */
class MasterKeyRetirementIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String USER = "retiree";

    private LocalStack stack;

    @AfterEach
    void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void afterTheResealTheOldMasterKeyCanBeRetiredAndEverySecretStillOpens() throws Exception {
        String keyA = masterKey();
        String keyB = masterKey();
        String providerKey = "sk-retire-" + UUID.randomUUID().toString().replace("-", "");
        String headerValue = "hdr-retire-" + UUID.randomUUID().toString().replace("-", "");
        try (FakeOpenAi openAi = FakeOpenAi.start(1); TestMcpServer tools = TestMcpServer.start(TestMcpServer.Transport.STREAMABLE_HTTP)) {
            LocalStackSettings base = LocalStackSettings.freePorts(Stacks.tempDir("twobrains-retire")).with(Map.of(
                    "twobrains.chat.providers.openai.base-url", openAi.baseUrl(),
                    "twobrains.mcp.allowed-private-hosts", "localhost"));

            // Under key A: a provider key, an MCP server with a header, and content (so a data key).
            stack = LocalStack.start(withKeys(base, Map.of("key-a", keyA), "key-a"), false);
            ApiClient api = Stacks.client(stack, USER);
            assertThat(api.send("PUT", "/api/settings/api-keys/openai", Map.of("key", providerKey)).status()).isEqualTo(204);
            assertThat(api.post("/api/mcp-servers", Map.of("id", "calc", "name", "Calc", "url", tools.url(),
                    "transport", "http", "headers", Map.of("X-Api-Key", headerValue))).status()).isEqualTo(201);
            assertThat(api.patch("/api/settings", Map.of("enabledMcpServers", List.of("calc"))).status()).isEqualTo(200);
            assertThat(api.post("/api/conversations", Map.of("id", "kept", "title", "Kept")).status()).isEqualTo(201);
            assertThat(api.post("/api/conversations/kept/messages", Map.of("role", "user", "parts",
                    List.of(Map.of("type", "text", "text", "written under key A")))).status()).isEqualTo(201);
            awaitSecretsSealedBy("key-a");
            stack.close();

            // Key B current, A still known: the re-seal moves everything to B.
            stack = LocalStack.start(withKeys(base, Map.of("key-a", keyA, "key-b", keyB), "key-b"), false);
            JsonNode answer = reseal();
            assertThat(answer.get("resealed").asLong()).as("the user's data key").isEqualTo(1);
            JsonNode secrets = answer.get("secrets");
            assertThat(List.of(secrets.get("users").asLong(), secrets.get("secrets").asLong(), secrets.get("applied").asLong(),
                    secrets.get("changedMeanwhile").asLong(), secrets.get("failed").asLong()))
                    .as("users, secrets, applied, changed meanwhile, failed").containsExactly(1L, 2L, 1L, 0L, 0L);
            List<EventEnvelope> log = Stacks.events(stack, USER);
            assertThat(log.get(log.size() - 1).payload()).isInstanceOfSatisfying(SecretsResealed.class, resealed -> {
                assertThat(resealed.apiKeys()).singleElement().satisfies(key -> assertThat(key.secret().keyId()).isEqualTo("key-b"));
                assertThat(resealed.mcpHeaders()).singleElement()
                        .satisfies(headers -> assertThat(headers.headers().keyId()).isEqualTo("key-b"));
            });
            assertThat(log).as("the log keeps the old ciphertexts: a fold must never need to open them")
                    .anySatisfy(e -> assertThat(e.payload()).isInstanceOfSatisfying(ApiKeyStored.class,
                            stored -> assertThat(stored.secret().keyId()).isEqualTo("key-a")))
                    .anySatisfy(e -> assertThat(e.payload()).isInstanceOfSatisfying(McpServerAdded.class,
                            added -> assertThat(added.headers().keyId()).isEqualTo("key-a")));
            awaitSecretsSealedBy("key-b");
            PlaintextSearch.topics(stack, canaries(providerKey, headerValue));
            stack.close();

            // Key A retired: the live state opens, and so does the state rebuilt from the log.
            stack = LocalStack.start(withKeys(base, Map.of("key-b", keyB), "key-b"), false);
            chatOnTheUsersKeyWithTheTool(openAi, tools, "first", providerKey, headerValue);
            stack.rebuildNodeState();
            assertThat(stack.replayProjector()).isPositive();
            chatOnTheUsersKeyWithTheTool(openAi, tools, "second", providerKey, headerValue);
            awaitSecretsSealedBy("key-b");
            api = Stacks.client(stack, USER);
            assertThat(api.get("/api/settings").json().get("apiKeys").get("openai").get("hint").asString())
                    .isEqualTo(providerKey.substring(providerKey.length() - 4));
            assertThat(api.get("/api/conversations/kept/messages").text()).contains("written under key A");
            JsonNode again = reseal();
            assertThat(again.get("resealed").asLong()).isZero();
            assertThat(again.get("secrets").get("users").asLong()).as("nothing left under an old key").isZero();
        }
    }

    /** A turn on the user's own OpenAI key that calls the MCP tool: both secrets must open. */
    private void chatOnTheUsersKeyWithTheTool(FakeOpenAi openAi, TestMcpServer tools, String conversation,
            String providerKey, String headerValue) {
        int toolCalls = tools.apiKeysSeen().size();
        Map<String, Object> message = Map.of("id", "u-" + conversation, "role", "user", "parts",
                List.of(Map.of("type", "text", "text", "use tool:add now in " + conversation)));
        try (SseStream stream = Stacks.client(stack, USER).stream("POST", "/api/chat", Map.of("id", conversation,
                "messages", List.of(message), "trigger", "submit-message", "model", "gpt-4.1"))) {
            assertThat(stream.status()).isEqualTo(200);
            assertThat(String.join("\n", stream.rest())).contains("\"tool-output-available\"").contains("\"finish\"")
                    .doesNotContain("\"error\"");
        }
        assertThat(openAi.received().stream().filter(r -> r.body().toString().contains("in " + conversation)))
                .isNotEmpty().allSatisfy(r -> assertThat(r.authorization()).isEqualTo("Bearer " + providerKey));
        assertThat(tools.apiKeysSeen().subList(toolCalls, tools.apiKeysSeen().size())).containsExactly(headerValue);
    }

    private JsonNode reseal() {
        ApiClient admin = new ApiClient(stack.doorUrl(), Stacks.mint(stack).token("operator", "admin"));
        ApiClient.Response answer = admin.post("/api/admin/content-keys/reseal", null);
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        return answer.json();
    }

    /** Waits until the global brain shows the user's provider key and MCP headers sealed by {@code keyId}. */
    private void awaitSecretsSealedBy(String keyId) {
        JdbcTemplate sql = new JdbcTemplate(new DriverManagerDataSource(stack.postgresJdbcUrl(), "postgres", "postgres"));
        await().atMost(WAIT).untilAsserted(() -> assertThat(sql.queryForList("""
                select key_id from user_api_keys where user_id = ?
                union all select headers_key_id from mcp_servers where user_id = ?""", String.class, USER, USER))
                .containsExactly(keyId, keyId));
    }

    private static LocalStackSettings withKeys(LocalStackSettings base, Map<String, String> masterKeys, String current) {
        Map<String, Object> secrets = new HashMap<>();
        masterKeys.forEach((id, key) -> secrets.put("twobrains.secrets.master-keys." + id, key));
        secrets.put(LocalSecrets.CURRENT_KEY_ID, current);
        return base.with(secrets);
    }

    private static List<byte[]> canaries(String... secrets) {
        return java.util.Arrays.stream(secrets).flatMap(secret -> java.util.stream.Stream.of(bytes(secret),
                bytes(Base64.getEncoder().encodeToString(bytes(secret))))).toList();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String masterKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
