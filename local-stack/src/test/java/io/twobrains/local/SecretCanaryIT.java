package io.twobrains.local;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.twobrains.testkit.ApiClient;
import io.twobrains.testkit.ApiClient.Response;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A secret canary: a provider key and an MCP header value are stored, then looked for everywhere
 * they must never be in plaintext: every topic (internal ones too), every answer, every log line,
 * every table, and every file of the stack's data directory.
 */
class SecretCanaryIT {

    @Test
    void storedSecretsAppearNowhereInPlaintext() throws Exception {
        LocalStack stack = Stacks.shared();
        ListAppender<ILoggingEvent> logs = captureLogs();
        String keyCanary = "sk-canary-" + UUID.randomUUID().toString().replace("-", "");
        String headerCanary = "hdr-canary-" + UUID.randomUUID().toString().replace("-", "");
        ApiClient api = Stacks.client(stack, "canary-" + UUID.randomUUID());
        List<Response> answers = new ArrayList<>();

        answers.add(api.send("PUT", "/api/settings/api-keys/openai", Map.of("key", keyCanary)));
        answers.add(api.send("PUT", "/api/settings/api-keys/openai-compatible",
                Map.of("key", keyCanary, "baseUrl", "https://203.0.113.9/v1")));
        answers.add(api.send("PUT", "/api/settings/api-keys/google", Map.of("key", keyCanary + " with a space")));
        answers.add(api.post("/api/mcp-servers", Map.of("id", "canary", "name", "Canary", "url", "https://203.0.113.9/mcp",
                "transport", "http", "headers", Map.of("X-Api-Key", headerCanary))));
        answers.add(api.patch("/api/mcp-servers/canary", Map.of("headers", Map.of("X-Api-Key", headerCanary, "X-Other", "v"))));
        answers.add(api.post("/api/mcp-servers", Map.of("name", "Bad", "url", "http://127.0.0.1/mcp", "transport", "http",
                "headers", Map.of("X-Api-Key", headerCanary))));
        long seq = answers.get(4).seq();
        ApiClient reader = api.withHeader("X-Chat-Min-Seq", Long.toString(seq));
        answers.add(reader.get("/api/settings"));
        answers.add(reader.get("/api/mcp-servers"));
        answers.add(reader.get("/api/models"));
        // A reply on the user's own key (the key is opened for the provider call only), and a provider refusing it.
        for (String text : List.of("hello canary", "fail:401")) {
            answers.add(api.post("/api/chat", Map.of("id", "canary-chat", "model", "gpt-4.1", "messages",
                    List.of(Map.of("role", "user", "parts", List.of(Map.of("type", "text", "text", text)))))));
        }
        assertThat(answers.get(0).status()).isEqualTo(204);
        assertThat(answers.get(2).status()).isEqualTo(400);
        assertThat(answers.get(3).status()).isEqualTo(201);
        assertThat(answers.get(5).status()).isEqualTo(400);
        assertThat(answers.get(9).status()).isEqualTo(200);
        assertThat(answers.get(9).text()).contains("\"finish\"");
        assertThat(answers.get(10).text()).contains("\"error\"").contains("401");
        assertThat(answers.get(6).json().get("apiKeys").get("openai").get("hint").asString())
                .isEqualTo(keyCanary.substring(keyCanary.length() - 4));

        List<byte[]> canaries = List.of(bytes(keyCanary), bytes(headerCanary),
                bytes(Base64.getEncoder().encodeToString(bytes(keyCanary))),
                bytes(Base64.getEncoder().encodeToString(bytes(headerCanary))));
        for (Response answer : answers) {
            PlaintextSearch.assertAbsent("answer " + answer.status(), answer.body(), canaries);
            answer.headers().forEach((name, values) -> values.forEach(v -> PlaintextSearch.assertAbsent("header " + name, bytes(v), canaries)));
        }
        PlaintextSearch.topics(stack, canaries);
        JdbcTemplate sql = new JdbcTemplate(new DriverManagerDataSource(stack.postgresJdbcUrl(), "postgres", "postgres"));
        for (String table : List.of("users", "user_settings", "user_api_keys", "mcp_servers", "usage_daily", "generations")) {
            for (String row : sql.queryForList("select t::text from " + table + " t", String.class)) {
                PlaintextSearch.assertAbsent("table " + table, bytes(row), canaries);
            }
        }
        sql.execute("checkpoint");
        PlaintextSearch.files(stack.settings().dataDir(), canaries);
        for (ILoggingEvent event : logs.list) {
            PlaintextSearch.assertAbsent("log line", bytes(event.getFormattedMessage() + event.getThrowableProxy()), canaries);
        }
        assertThat(logs.list).as("the logs were captured").isNotEmpty();
    }

    /** Every log event from now on, with the services' own loggers at DEBUG. */
    static ListAppender<ILoggingEvent> captureLogs() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.setContext(context);
        appender.start();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(appender);
        for (String name : List.of("io.twobrains", "org.springframework.web", "org.springframework.security",
                "org.springframework.cloud.gateway", "reactor.netty.http")) {
            context.getLogger(name).setLevel(Level.DEBUG);
        }
        return appender;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
