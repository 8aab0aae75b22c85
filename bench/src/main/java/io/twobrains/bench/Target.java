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
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The system under test: by default a private local stack in a JVM of its own ({@link StackProcess});
 * for the scenarios that restart or add parts of it (recovery, scale-out) one in the bench's JVM; or
 * one already running at {@code --url} (its processes, for the CPU figures, from {@code --pids}).
 */
final class Target implements AutoCloseable {

    /** Scenarios that drive the stack's own objects (restart the processor, add instances), so run it in this JVM. */
    static final Set<String> IN_PROCESS = Set.of("recovery", "scale-out");

    private final LocalStack stack;
    private final StackProcess child;
    final URI door;
    final String kafka;
    final URI oidc;
    /** The stack's PostgreSQL (user postgres), where the shared-database baseline gets a database of its own; may be null. */
    private final String jdbcUrl;
    private final List<SystemMeter.Part> parts;
    /** One client for every token: a client per call would leave a selector thread per user behind. */
    private final HttpClient tokens = HttpClient.newHttpClient();

    private Target(LocalStack stack, StackProcess child, URI door, String kafka, URI oidc, String jdbc,
            List<SystemMeter.Part> parts) {
        this.stack = stack;
        this.child = child;
        this.door = door;
        this.kafka = kafka;
        this.oidc = oidc;
        this.jdbcUrl = jdbc;
        this.parts = List.copyOf(parts);
    }

    static Target of(Options options) {
        return of(options, Map.of());
    }

    /** As {@link #of(Options)}, with more settings for a private stack (a model to point at, say). */
    static Target of(Options options, Map<String, Object> settingsOfScenario) {
        if (options.url() != null) {
            return new Target(null, null, options.url(), options.kafka(), options.oidc(), options.flag("jdbc", null),
                    pids(options.flag("pids", "")));
        }
        Map<String, Object> settings = new LinkedHashMap<>(Map.of(
                // A bench user chats far beyond any real quota or rate limit.
                "twobrains.quota.daily", 1_000_000_000,
                "twobrains.quota.monthly", 1_000_000_000,
                "twobrains.chat.requests-per-minute", 1_000_000,
                "twobrains.chat.max-concurrent-per-user", 1_000,
                "twobrains.chat.demo-token-delay", options.tokenDelay().toMillis() + "ms",
                "twobrains.processor.stream-threads", options.intFlag("stream-threads", 1)));
        settings.putAll(settingsOfScenario);
        if (!IN_PROCESS.contains(options.scenario())) {
            String where = options.flag("broker", "stack");
            if (!where.equals("stack") && !where.equals("process")) {
                throw new IllegalArgumentException("--broker is stack (in the stack's JVM) or process (a JVM of its own)");
            }
            StackProcess stack = StackProcess.start(options.commitInterval(), jvmOptions(options.flag("stack-jvm", "")),
                    settings, where.equals("process") ? jvmOptions(options.flag("broker-jvm", "")) : null);
            return new Target(null, stack, stack.door(), stack.kafka(), stack.oidc(), stack.jdbcUrl(), stack.parts());
        }
        try {
            Path dataDir = Files.createTempDirectory("twobrains-bench");
            LocalStack stack = LocalStack.start(LocalStackSettings.freePorts(dataDir)
                    .withCommitInterval(options.commitInterval()).with(settings), false);
            long postgres = Long.parseLong(Files.readAllLines(dataDir.resolve("postgres/postmaster.pid")).get(0).trim());
            return new Target(stack, null, stack.doorUrl(), stack.kafkaBootstrapServers(), stack.oidcUrl(),
                    stack.postgresJdbcUrl(), List.of(new SystemMeter.Part("bench JVM (stack and generator)",
                            ProcessHandle.current().pid()), new SystemMeter.Part(StackProcess.POSTGRES, postgres)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> jvmOptions(String given) {
        return given.isBlank() ? List.of() : List.of(given.trim().split("\\s+"));
    }

    /** {@code name=pid,name=pid}: the processes of a running stack, for the CPU figures. */
    static List<SystemMeter.Part> pids(String given) {
        List<SystemMeter.Part> parts = new ArrayList<>();
        for (String each : given.split(",")) {
            if (!each.isBlank()) {
                String[] pair = each.split("=", 2);
                parts.add(new SystemMeter.Part(pair[0].trim(), Long.parseLong(pair[1].trim())));
            }
        }
        return parts;
    }

    /** The stack's processes (its CPU is what twobrains costs), and its processor's Kafka metrics. */
    SystemMeter meter() {
        return new SystemMeter(parts, child == null ? null : child.mbeans());
    }

    /** The stack's PostgreSQL alone (a baseline counts it with its own process), or nothing when unknown. */
    List<SystemMeter.Part> postgres() {
        return parts.stream().filter(part -> part.name().equals(StackProcess.POSTGRES)).toList();
    }

    /** The private stack's broker's JVM (its own, or the stack's), when it is a child: the relay's measurement counts it. */
    List<SystemMeter.Part> brokerJvm() {
        return child == null ? List.of() : List.of(child.brokerPart());
    }

    /** The private stack, for scenarios that restart or add parts of it. */
    LocalStack localStack() {
        if (stack == null) {
            throw new IllegalStateException("this scenario needs a stack in the bench's JVM: run it without --url");
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
        if (child != null) {
            child.close();
        }
    }
}
