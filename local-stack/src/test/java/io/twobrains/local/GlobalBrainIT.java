package io.twobrains.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.twobrains.contract.command.StartConversation;
import io.twobrains.contract.command.StartGeneration;
import io.twobrains.contract.event.RejectionCode;
import io.twobrains.contract.generation.LimitType;
import io.twobrains.contract.reply.Reply;
import io.twobrains.testkit.ApiClient;
import io.twobrains.testkit.ApiClient.Response;
import io.twobrains.testkit.CommandClient;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

/** Settings, keys, MCP servers, quotas and usage, through the door, on the real stack. */
class GlobalBrainIT {

    private static LocalStack stack;
    private static CommandClient commands;

    @BeforeAll
    static void start() {
        stack = Stacks.shared();
        commands = new CommandClient(stack.kafkaBootstrapServers());
    }

    @AfterAll
    static void stop() {
        commands.close();
    }

    private static String newUser() {
        return "global-" + UUID.randomUUID();
    }

    @Test
    void aSettingsChangeIsReadBackAtOnceWhenTheReadNamesItsSeq() {
        ApiClient api = Stacks.client(stack, newUser());

        Response changed = api.patch("/api/settings", Map.of("theme", "dark", "reasoningEffort", "high"));

        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.json().get("theme").asString()).isEqualTo("dark");
        Response read = api.withHeader("X-Chat-Min-Seq", Long.toString(changed.seq())).get("/api/settings");
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.seq()).isGreaterThanOrEqualTo(changed.seq());
        assertThat(read.json().get("theme").asString()).isEqualTo("dark");
        assertThat(read.json().get("reasoningEffort").asString()).isEqualTo("high");
        assertThat(read.json().get("selectedModel").asString()).isEqualTo("demo");
    }

    @Test
    void badSettingsKeysAndDatesAre400AndWriteNothing() {
        ApiClient api = Stacks.client(stack, newUser());
        long seq = api.patch("/api/settings", Map.of("chatWidth", "wide")).seq();

        assertProblem(api.patch("/api/settings", Map.of("colour", "red")), 400);
        assertProblem(api.patch("/api/settings", Map.of("theme", "neon")), 400);
        assertProblem(api.patch("/api/settings", Map.of("selectedModel", "gpt-99")), 400);
        assertProblem(api.patch("/api/settings", Map.of()), 400);
        assertProblem(api.send("PUT", "/api/settings/api-keys/skynet", Map.of("key", "sk-abcdefgh")), 400);
        assertProblem(api.send("PUT", "/api/settings/api-keys/openai", Map.of("key", "")), 400);
        assertProblem(api.send("PUT", "/api/settings/api-keys/openai", Map.of("key", "x".repeat(513))), 400);
        assertProblem(api.send("PUT", "/api/settings/api-keys/openai", Map.of("key", "has space")), 400);
        assertProblem(api.send("PUT", "/api/settings/api-keys/openai-compatible", Map.of("key", "sk-abcdefgh")), 400);
        assertProblem(api.post("/api/mcp-servers", server("ftp://203.0.113.10/mcp")), 400);
        assertProblem(api.post("/api/mcp-servers", server("http://127.0.0.1:8080/mcp")), 400);
        assertProblem(api.post("/api/mcp-servers", server("http://10.1.2.3/mcp")), 400);
        assertProblem(api.post("/api/mcp-servers", server("http://[::1]:9000/mcp")), 400);
        assertProblem(api.get("/api/usage/stats?from=2026-13-01"), 400);
        assertProblem(api.get("/api/usage/stats?from=2026-05-02&to=2026-05-01"), 400);
        assertProblem(api.get("/api/usage/stats?from=2024-01-01&to=2026-01-01"), 400);
        assertProblem(api.get("/api/usage/stats"), 400);

        Response settings = api.withHeader("X-Chat-Min-Seq", Long.toString(seq)).get("/api/settings");
        assertThat(settings.seq()).isEqualTo(seq);
        assertThat(settings.json().get("chatWidth").asString()).isEqualTo("wide");
        assertThat(settings.json().get("apiKeys").isEmpty()).isTrue();
    }

    /** Whether a server id is the user's is for the processor to say: the refusal is in the log, the settings stay. */
    @Test
    void enablingAServerTheUserDoesNotHaveIsRefusedAndChangesNothing() {
        ApiClient api = Stacks.client(stack, newUser());
        long seq = api.patch("/api/settings", Map.of("theme", "light")).seq();

        Response refused = api.patch("/api/settings", Map.of("enabledMcpServers", List.of("not-mine")));

        assertProblem(refused, 400);
        assertThat(refused.json().get("code").asString()).isEqualTo("INVALID");
        Response settings = api.withHeader("X-Chat-Min-Seq", Long.toString(refused.seq())).get("/api/settings");
        assertThat(settings.json().get("enabledMcpServers").isEmpty()).isTrue();
        assertThat(settings.json().get("theme").asString()).isEqualTo("light");
        assertThat(refused.seq()).isEqualTo(seq + 1);
    }

    @Test
    void aStoredKeyComesBackOnlyAsItsHintAndCanBeRemoved() {
        ApiClient api = Stacks.client(stack, newUser());

        Response stored = api.send("PUT", "/api/settings/api-keys/anthropic", Map.of("key", "sk-ant-secret-9876"));

        assertThat(stored.status()).isEqualTo(204);
        Response settings = api.withHeader("X-Chat-Min-Seq", Long.toString(stored.seq())).get("/api/settings");
        assertThat(settings.json().get("apiKeys").get("anthropic").get("hint").asString()).isEqualTo("9876");
        assertThat(settings.text()).doesNotContain("sk-ant-secret");
        Response models = api.get("/api/models");
        assertThat(models.text()).doesNotContain("sk-ant");
        assertThat(available(models, "claude-sonnet-4-5")).isTrue();
        assertThat(available(models, "gpt-4.1")).isFalse();

        Response removed = api.delete("/api/settings/api-keys/anthropic");
        assertThat(removed.status()).isEqualTo(204);
        assertThat(api.delete("/api/settings/api-keys/anthropic").status()).isEqualTo(404);
        assertThat(api.withHeader("X-Chat-Min-Seq", Long.toString(removed.seq())).get("/api/settings")
                .json().get("apiKeys").isEmpty()).isTrue();
        // The models, too, are read no older than asked: a key just removed no longer unlocks its models.
        Response modelsAfter = api.withHeader("X-Chat-Min-Seq", Long.toString(removed.seq())).get("/api/models");
        assertThat(modelsAfter.seq()).isGreaterThanOrEqualTo(removed.seq());
        assertThat(available(modelsAfter, "claude-sonnet-4-5")).isFalse();
    }

    @Test
    void mcpServersKeepTheirHeadersMasked() {
        ApiClient api = Stacks.client(stack, newUser());

        Response added = api.post("/api/mcp-servers", Map.of("id", "docs", "name", "Docs", "url", "https://203.0.113.10/mcp",
                "transport", "http", "headers", Map.of("Authorization", "Bearer mcp-secret-token")));
        Response allowListed = api.post("/api/mcp-servers", Map.of("id", "internal", "name", "Internal",
                "url", "http://mcp.internal.test:8080/mcp", "transport", "sse"));

        assertThat(added.status()).as(added.text()).isEqualTo(201);
        assertThat(added.header("Location")).isEqualTo("/api/mcp-servers/docs");
        assertThat(added.json().get("headers").get("Authorization").asString()).isEqualTo("••••••");
        assertThat(allowListed.status()).as(allowListed.text()).isEqualTo(201);
        Response changed = api.patch("/api/mcp-servers/docs", Map.of("enabled", false, "transport", "sse"));
        assertThat(changed.status()).isEqualTo(200);
        Response enabled = api.patch("/api/settings", Map.of("enabledMcpServers", List.of("internal")));
        assertThat(enabled.status()).isEqualTo(200);
        Response list = api.withHeader("X-Chat-Min-Seq", Long.toString(enabled.seq())).get("/api/mcp-servers");
        assertThat(list.json()).hasSize(2);
        assertThat(list.text()).contains("••••••").doesNotContain("mcp-secret-token");
        assertThat(list.json().get(0).get("enabled").asBoolean()).isFalse();
        assertThat(list.json().get(0).get("transport").asString()).isEqualTo("sse");

        Response removed = api.delete("/api/mcp-servers/internal");
        assertThat(removed.status()).isEqualTo(204);
        assertThat(api.delete("/api/mcp-servers/internal").status()).isEqualTo(404);
        Response settings = api.withHeader("X-Chat-Min-Seq", Long.toString(removed.seq())).get("/api/settings");
        assertThat(settings.json().get("enabledMcpServers").isEmpty()).as("a removed server is no longer enabled").isTrue();
    }

    @Test
    void theQuotaIsExactUnderConcurrencyAndThePostgresFiguresAgree() {
        String user = newUser();
        commands.send(user, new StartConversation("c1", null)).block(Duration.ofSeconds(30));
        int attempts = Stacks.TINY_DAILY + 20;

        List<Reply> replies = Flux.range(0, attempts)
                // One running reply per conversation: each attempt starts its own.
                .flatMap(i -> commands.send(user, new StartGeneration("g" + i, "q" + i, "demo", "demo", Stacks.TINY_PLAN,
                        null, null, true, null)), attempts)
                .collectList().block(Duration.ofSeconds(60));

        assertThat(replies).hasSize(attempts);
        assertThat(replies.stream().filter(Reply::isAccepted)).hasSize(Stacks.TINY_DAILY);
        assertThat(replies.stream().filter(r -> !r.isAccepted())).hasSize(20).allSatisfy(r -> {
            assertThat(r.code()).isEqualTo(RejectionCode.LIMIT_REACHED);
            assertThat(r.limitType()).isEqualTo(LimitType.DAILY);
            assertThat(r.resetsAt()).isEqualTo(LocalDate.now(ZoneOffset.UTC).plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC));
        });
        long lastSeq = replies.stream().mapToLong(Reply::seq).max().orElseThrow();
        ApiClient api = new ApiClient(stack.doorUrl(), Stacks.mint(stack).tokenWithPlan(user, Stacks.TINY_PLAN));
        Response usage = api.withHeader("X-Chat-Min-Seq", Long.toString(lastSeq)).get("/api/usage");
        assertThat(usage.status()).isEqualTo(200);
        assertThat(usage.json().get("daily").get("used").asLong()).isEqualTo(Stacks.TINY_DAILY);
        assertThat(usage.json().get("daily").get("limit").asLong()).isEqualTo(Stacks.TINY_DAILY);
        assertThat(usage.json().get("daily").get("remaining").asLong()).isZero();
        assertThat(usage.json().get("daily").get("allowed").asBoolean()).isFalse();
        assertThat(usage.json().get("monthly").get("used").asLong()).isEqualTo(Stacks.TINY_DAILY);
        // The statistics are the projector's (PostgreSQL), which may not have folded the last start yet.
        Response stats = api.withHeader("X-Chat-Min-Seq", Long.toString(lastSeq))
                .get("/api/usage/stats?from=" + LocalDate.now(ZoneOffset.UTC));
        assertThat(stats.json().get("totals").get("messages").asLong()).isEqualTo(Stacks.TINY_DAILY);
        assertThat(stats.json().get("totals").get("models").get("demo").get("messages").asLong()).isEqualTo(Stacks.TINY_DAILY);
    }

    @Test
    void aGenerationOnTheUsersOwnKeyIsCountedButUsesNoFreeQuota() {
        String user = newUser();
        ApiClient api = new ApiClient(stack.doorUrl(), Stacks.mint(stack).tokenWithPlan(user, Stacks.TINY_PLAN));
        api.send("PUT", "/api/settings/api-keys/openai", Map.of("key", "sk-proj-byok-1234"));
        commands.send(user, new StartConversation("c1", null)).block(Duration.ofSeconds(30));

        List<Reply> replies = Flux.range(0, Stacks.TINY_DAILY + 5)
                .concatMap(i -> commands.send(user, new StartGeneration("g" + i, "q" + i, "gpt-4o-mini", "openai",
                        Stacks.TINY_PLAN, null, null, true, null)))
                .collectList().block(Duration.ofSeconds(60));

        assertThat(replies).allMatch(Reply::isAccepted);
        long lastSeq = replies.get(replies.size() - 1).seq();
        Response usage = api.withHeader("X-Chat-Min-Seq", Long.toString(lastSeq)).get("/api/usage");
        assertThat(usage.json().get("daily").get("used").asLong()).isZero();
        // The statistics are the projector's (PostgreSQL), which may not have folded the last start yet.
        Response stats = api.withHeader("X-Chat-Min-Seq", Long.toString(lastSeq))
                .get("/api/usage/stats?from=" + LocalDate.now(ZoneOffset.UTC));
        assertThat(stats.json().get("totals").get("messages").asLong()).isEqualTo(Stacks.TINY_DAILY + 5);
    }

    @Test
    void adminAnalyticsAreForAdminsOnly() {
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        assertProblem(Stacks.client(stack, newUser()).get("/api/admin/analytics?from=" + today), 403);
        ApiClient admin = new ApiClient(stack.doorUrl(), Stacks.mint(stack).token("boss", "admin"));
        assertThat(admin.get("/api/admin/analytics?from=" + today).status()).isEqualTo(200);
        assertProblem(admin.get("/api/admin/analytics?from=yesterday"), 400);
    }

    static Map<String, Object> server(String url) {
        return Map.of("name", "S", "url", url, "transport", "http");
    }

    private static boolean available(Response models, String id) {
        for (var model : models.json()) {
            if (model.get("id").asString().equals(id)) {
                return model.get("available").asBoolean();
            }
        }
        throw new AssertionError("no model " + id);
    }

    static void assertProblem(Response response, int status) {
        assertThat(response.status()).as(response.text()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
    }
}
