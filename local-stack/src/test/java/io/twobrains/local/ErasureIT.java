package io.twobrains.local;

import static io.twobrains.local.ConversationApiIT.message;
import static org.assertj.core.api.Assertions.assertThat;

import io.twobrains.contract.command.CompleteGeneration;
import io.twobrains.contract.command.StartGeneration;
import io.twobrains.contract.event.EventEnvelope;
import io.twobrains.contract.generation.TokenUsage;
import io.twobrains.testkit.ApiClient;
import io.twobrains.testkit.ApiClient.Response;
import io.twobrains.testkit.CommandClient;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * DELETE /api/account erases the user from both brains, and a replay of the log does not bring anything
 * back; only the seq and the quota used in the current windows stay, so erasing does not buy a fresh quota.
 */
class ErasureIT {

    @Test
    void anErasedUserHasNothingLeftAndAReplayDoesNotBringItBack() {
        LocalStack stack = Stacks.shared();
        String user = "erase-" + UUID.randomUUID();
        ApiClient api = Stacks.client(stack, user);
        api.post("/api/conversations", Map.of("id", "c1", "title", "private thoughts"));
        api.post("/api/conversations/c1/messages", message("m1", "user", "something personal"));
        api.patch("/api/settings", Map.of("theme", "dark"));
        api.send("PUT", "/api/settings/api-keys/openai", Map.of("key", "sk-erase-me-1234"));
        api.post("/api/mcp-servers", Map.of("id", "s1", "name", "S", "url", "https://203.0.113.7/mcp", "transport", "http"));
        try (CommandClient commands = new CommandClient(stack.kafkaBootstrapServers())) {
            commands.send(user, StartGeneration.bare("g1", "c1", "demo", "demo", null)).block(Duration.ofSeconds(30));
            commands.send(user, CompleteGeneration.completed("g1", "stop", new TokenUsage(10, 20, 0), 100)).block(Duration.ofSeconds(30));
        }

        Response erased = api.delete("/api/account");

        assertThat(erased.status()).isEqualTo(202);
        ApiClient after = api.withHeader("X-Chat-Min-Seq", Long.toString(erased.seq()));
        assertNothingLeft(stack, user, after);
        List<EventEnvelope> log = Stacks.events(stack, user);
        assertThat(log.get(log.size() - 1).type()).isEqualTo("UserErased");

        stack.replayProjector();

        assertNothingLeft(stack, user, after);
        Response back = api.post("/api/conversations", Map.of("id", "fresh"));
        assertThat(back.seq()).as("a returning user starts afresh, on the same gapless seq").isEqualTo(erased.seq() + 1);
    }

    private static void assertNothingLeft(LocalStack stack, String user, ApiClient api) {
        assertThat(api.get("/api/conversations").json().get("items")).isEmpty();
        assertThat(api.get("/api/conversations/c1").status()).isEqualTo(404);
        assertThat(api.get("/api/conversations/c1/messages").status()).isEqualTo(404);
        Response settings = api.get("/api/settings");
        assertThat(settings.json().get("theme").asString()).isEqualTo("system");
        assertThat(settings.json().get("apiKeys").isEmpty()).isTrue();
        assertThat(api.get("/api/mcp-servers").json()).isEmpty();
        assertThat(api.get("/api/usage").json().get("daily").get("used").asLong())
                .as("erasing the account does not give the free message back").isEqualTo(1);
        assertThat(api.get("/api/usage/stats?from=" + LocalDate.now(ZoneOffset.UTC).minusDays(1)).json()
                .get("totals").get("messages").asLong()).isZero();
        JdbcTemplate sql = new JdbcTemplate(new DriverManagerDataSource(stack.postgresJdbcUrl(), "postgres", "postgres"));
        for (String table : List.of("user_settings", "user_api_keys", "mcp_servers", "usage_daily", "generations")) {
            assertThat(sql.queryForObject("select count(*) from " + table + " where user_id = ?", Long.class, user))
                    .as(table).isZero();
        }
        assertThat(sql.queryForObject("select count(*) from users where user_id = ? and first_seen_at is null", Long.class,
                user)).as("only the seq gate is kept").isEqualTo(1);
    }
}
