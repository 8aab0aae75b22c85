package io.twobrains.bench;

import io.twobrains.contract.json.ChatJson;
import io.twobrains.local.LocalStack;
import io.twobrains.local.LocalStackSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.Map;

/** The system under test: a private local stack, or one already running at a URL. */
final class Target implements AutoCloseable {

    private final LocalStack stack;
    final URI door;
    final String kafka;
    final URI oidc;
    /** The stack's PostgreSQL (user postgres), where the shared-database baseline gets a database of its own; may be null. */
    private final String jdbcUrl;
    /** One client for every token: a client per call would leave a selector thread per user behind. */
    private final HttpClient tokens = HttpClient.newHttpClient();

    private Target(LocalStack stack, URI door, String kafka, URI oidc, String jdbc) {
        this.stack = stack;
        this.door = door;
        this.kafka = kafka;
        this.oidc = oidc;
        this.jdbcUrl = jdbc;
    }

    static Target of(Options options) {
        return of(options, Map.of());
    }

    /** As {@link #of(Options)}, with more settings for a private stack (a model to point at, say). */
    static Target of(Options options, Map<String, Object> settingsOfScenario) {
        if (options.url() != null) {
            return new Target(null, options.url(), options.kafka(), options.oidc(), options.flag("jdbc", null));
        }
        try {
            LocalStackSettings settings = LocalStackSettings.freePorts(Files.createTempDirectory("twobrains-bench"))
                    .withCommitInterval(options.commitInterval())
                    // A bench user chats far beyond any real quota or rate limit.
                    .with(Map.of(
                            "twobrains.quota.daily", 1_000_000_000,
                            "twobrains.quota.monthly", 1_000_000_000,
                            "twobrains.chat.requests-per-minute", 1_000_000,
                            "twobrains.chat.max-concurrent-per-user", 1_000,
                            "twobrains.chat.demo-token-delay", options.tokenDelay().toMillis() + "ms",
                            "twobrains.processor.stream-threads", options.intFlag("stream-threads", 1)))
                    .with(settingsOfScenario);
            LocalStack stack = LocalStack.start(settings, false);
            return new Target(stack, stack.doorUrl(), stack.kafkaBootstrapServers(), stack.oidcUrl(),
                    stack.postgresJdbcUrl());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The private stack, for scenarios that restart or add parts of it. */
    LocalStack localStack() {
        if (stack == null) {
            throw new IllegalStateException("this scenario needs a private stack: run it without --url");
        }
        return stack;
    }

    /** A real token from the dev provider. */
    String token(String subject) {
        try {
            HttpResponse<String> response = tokens.send(
                    HttpRequest.newBuilder(oidc.resolve("/dev/token"))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString("sub=" + subject)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return ChatJson.MAPPER.readTree(response.body()).get("access_token").asString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The JDBC URL of the stack's PostgreSQL, or a clear failure when a running stack was given without one. */
    String jdbc() {
        if (jdbcUrl == null) {
            throw new IllegalArgumentException("the shared-database baseline needs --jdbc jdbc:postgresql://host:port/postgres "
                    + "(user and password from --jdbc-user/--jdbc-password, default postgres) when --url is given");
        }
        return jdbcUrl;
    }

    @Override
    public void close() {
        if (stack != null) {
            stack.close();
        }
    }
}
