package io.twobrains.local;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.twobrains.testkit.ApiClient;
import io.twobrains.testkit.ApiClient.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
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
            assertNoCanary("answer " + answer.status(), answer.body(), canaries);
            answer.headers().forEach((name, values) -> values.forEach(v -> assertNoCanary("header " + name, bytes(v), canaries)));
        }
        scanTopics(stack, canaries);
        JdbcTemplate sql = new JdbcTemplate(new DriverManagerDataSource(stack.postgresJdbcUrl(), "postgres", "postgres"));
        for (String table : List.of("users", "user_settings", "user_api_keys", "mcp_servers", "usage_daily", "generations")) {
            for (String row : sql.queryForList("select t::text from " + table + " t", String.class)) {
                assertNoCanary("table " + table, bytes(row), canaries);
            }
        }
        sql.execute("checkpoint");
        scanFiles(stack.settings().dataDir(), canaries);
        for (ILoggingEvent event : logs.list) {
            assertNoCanary("log line", bytes(event.getFormattedMessage() + event.getThrowableProxy()), canaries);
        }
        assertThat(logs.list).as("the logs were captured").isNotEmpty();
    }

    /** Every log event from now on, with the services' own loggers at DEBUG. */
    private static ListAppender<ILoggingEvent> captureLogs() {
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

    private static void scanTopics(LocalStack stack, List<byte[]> canaries) throws Exception {
        List<String> topics;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers()))) {
            topics = new ArrayList<>(admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get());
        }
        assertThat(topics).contains("chat.commands", "chat.events", "chat.deltas",
                "twobrains-processor-" + io.twobrains.processor.store.Tables.STORE + "-changelog");
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        long scanned = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    scanned++;
                    String where = record.topic() + "@" + record.offset();
                    assertNoCanary(where, record.key(), canaries);
                    assertNoCanary(where, record.value(), canaries);
                    for (Header header : record.headers()) {
                        assertNoCanary(where + " header " + header.key(), header.value(), canaries);
                    }
                }
            }
        }
        assertThat(scanned).as("records scanned").isPositive();
    }

    private static void scanFiles(Path dataDir, List<byte[]> canaries) throws IOException {
        try (Stream<Path> files = Files.walk(dataDir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                byte[] content;
                try {
                    content = Files.readAllBytes(file);
                } catch (IOException e) {
                    continue; // a file that went away while we looked (segment roll, temp file)
                }
                assertNoCanary(file.toString(), content, canaries);
            }
        }
    }

    private static void assertNoCanary(String where, byte[] haystack, List<byte[]> canaries) {
        if (haystack == null) {
            return;
        }
        for (byte[] canary : canaries) {
            assertThat(indexOf(haystack, canary)).as("a secret in plaintext in " + where).isEqualTo(-1);
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
