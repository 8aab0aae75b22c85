package io.twobrains.local;

import io.twobrains.command.chat.SharedElasticPool;
import io.twobrains.contract.Topics;
import io.twobrains.crypto.SecretsProperties;
import io.twobrains.door.NodeApplication;
import io.twobrains.local.LocalStackSettings.Part;
import io.twobrains.local.kafka.LocalKafkaBroker;
import io.twobrains.oidc.DevOidcApplication;
import io.twobrains.processor.kafka.ChatStreams;
import io.twobrains.projector.UsageProjectorApplication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The whole of twobrains in one JVM, on embedded defaults: a KRaft Kafka broker, PostgreSQL, the dev
 * OIDC provider, the usage projector, and a node (the door, both APIs and a processor instance in one
 * server). Data lives in {@code $TWOBRAINS_DATA_DIR} (default {@code .twobrains/}) and survives restarts.
 *
 * <p>Run: {@code java -jar local-stack/target/twobrains-local.jar}; add {@code --rebuild} to rebuild
 * the processor's state, and {@code --replay} to rebuild the Postgres tables, from {@code chat.events}
 * before starting. Stop with Ctrl-C.
 */
public final class LocalStack implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalStack.class);

    /** Auto-configurations a service must not pick up from the shared classpath unless it uses them. */
    private static final List<String> TOMCAT_REACTIVE = List.of(
            "org.springframework.boot.tomcat.autoconfigure.reactive.TomcatReactiveWebServerAutoConfiguration",
            "org.springframework.boot.tomcat.autoconfigure.actuate.web.server.TomcatReactiveManagementContextAutoConfiguration");
    private static final List<String> JDBC = List.of(
            "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
            "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration");
    private static final List<String> R2DBC = List.of(
            "org.springframework.boot.r2dbc.autoconfigure.R2dbcAutoConfiguration");

    /** The kind of context, and so what it excludes. */
    private enum Kind {
        SERVLET(concat(JDBC, R2DBC)), REACTIVE(concat(TOMCAT_REACTIVE, JDBC, R2DBC)),
        REACTIVE_JDBC(concat(TOMCAT_REACTIVE, R2DBC)), REACTIVE_R2DBC(concat(TOMCAT_REACTIVE, JDBC));

        private final String excludes;

        Kind(List<String> excludes) {
            this.excludes = String.join(",", excludes);
        }

        @SafeVarargs
        private static List<String> concat(List<String>... lists) {
            return java.util.Arrays.stream(lists).flatMap(List::stream).toList();
        }
    }

    private final LocalStackSettings settings;
    private final List<AutoCloseable> started = new ArrayList<>();
    private String kafkaBootstrap;
    private LocalPostgres postgres;
    private ConfigurableApplicationContext node;
    private ConfigurableApplicationContext projector;

    private LocalStack(LocalStackSettings settings) {
        this.settings = settings;
    }

    public static void main(String[] args) throws Exception {
        SharedElasticPool.size();
        Path dataDir = Path.of(System.getenv().getOrDefault("TWOBRAINS_DATA_DIR", ".twobrains")).toAbsolutePath();
        LocalStack stack = start(LocalStackSettings.standard(dataDir), List.of(args).contains("--rebuild"),
                List.of(args).contains("--replay"));
        Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "local-stack-shutdown"));
        stack.printUrls();
    }

    public static LocalStack start(LocalStackSettings settings, boolean rebuild) {
        return start(settings, rebuild, false);
    }

    /**
     * Starts everything, in dependency order; on failure, stops what had started.
     *
     * @param rebuild rebuild the processor's state from chat.events first
     * @param replay  rebuild every Postgres table from chat.events first
     */
    public static LocalStack start(LocalStackSettings settings, boolean rebuild, boolean replay) {
        LocalStack stack = new LocalStack(settings);
        try {
            stack.startAll(rebuild, replay);
            return stack;
        } catch (RuntimeException | Error e) {
            stack.close();
            throw e;
        }
    }

    private void startAll(boolean rebuild, boolean replay) {
        long begin = System.nanoTime();
        kafkaBootstrap = settings.runsHere(Part.KAFKA)
                ? track(new LocalKafkaBroker(settings.dataDir().resolve("kafka"), settings.kafkaPort(),
                        settings.kafkaControllerPort()).start()).bootstrapServers()
                : "127.0.0.1:" + settings.kafkaPort();
        postgres = track(LocalPostgres.start(settings.dataDir().resolve("postgres"), settings.postgresPort()));
        trackContext(DevOidcApplication.application(), Map.of(
                "server.port", settings.oidcPort(),
                "twobrains.oidc.issuer", settings.issuer(),
                "twobrains.oidc.key-file", settings.oidcKeyFile(),
                "twobrains.oidc.door-redirect-uri", doorUrl() + "/login/oauth2/code/twobrains"), Kind.SERVLET);
        if (rebuild) {
            rebuildNode();
        }
        if (settings.runsHere(Part.NODE)) {
            node = trackContext(NodeApplication.application(), nodeArgs(), Kind.REACTIVE_R2DBC);
            awaitNodeRunning();
        } else {
            createTopics(); // the node would have
        }
        if (replay) {
            UsageProjectorApplication.replay(app -> embedded(app),
                    arguments(projectorArgs(), Kind.REACTIVE_JDBC));
        }
        if (settings.runsHere(Part.PROJECTOR)) {
            projector = trackContext(UsageProjectorApplication.application(), projectorArgs(), Kind.REACTIVE_JDBC);
        }
        log.info("twobrains started in {} ms", Duration.ofNanos(System.nanoTime() - begin).toMillis());
    }

    /**
     * Stops the projector, rebuilds every Postgres table from chat.events, and starts it again; the
     * rest of the stack keeps running. Returns the number of events folded.
     */
    public synchronized long replayProjector() {
        if (!settings.runsHere(Part.PROJECTOR)) {
            throw new IllegalStateException("the projector runs in another process");
        }
        started.remove(projector);
        projector.close();
        long folded = UsageProjectorApplication.replay(app -> embedded(app),
                arguments(projectorArgs(), Kind.REACTIVE_JDBC));
        projector = trackContext(UsageProjectorApplication.application(), projectorArgs(), Kind.REACTIVE_JDBC);
        return folded;
    }

    /**
     * Stops the node, rebuilds its processor's state from chat.events alone (as {@code --rebuild} does
     * at start), and starts it again; the rest of the stack keeps running.
     */
    public synchronized void rebuildNodeState() {
        stopNode();
        rebuildNode();
        node = trackContext(NodeApplication.application(), nodeArgs(), Kind.REACTIVE_R2DBC);
        awaitNodeRunning();
    }

    /**
     * Stops the node and starts it again without waiting for its processor to run; with
     * {@code wipeState} its local stores are deleted first (a lost disk), so it restores them from the
     * changelogs. Returns the new node's processor, to follow the restoration.
     */
    public synchronized ChatStreams restartNode(boolean wipeState) {
        stopNode();
        if (wipeState) {
            deleteRecursively(settings.dataDir().resolve("streams"));
        }
        node = trackContext(NodeApplication.application(), nodeArgs(), Kind.REACTIVE_R2DBC);
        return node.getBean(ChatStreams.class);
    }

    /** The processor of the stack's own node. */
    public ChatStreams nodeStreams() {
        return node.getBean(ChatStreams.class);
    }

    /** Stops the stack's own node as a deployment would (its context closes; running replies drain first). */
    public synchronized void stopNode() {
        if (node != null) {
            started.remove(node);
            node.close();
            node = null;
        }
    }

    /**
     * The command-line arguments of a part that runs in another process ({@code NodeApplication} or
     * {@code UsageProjectorApplication} as main class): what this stack would have given it.
     */
    public String[] childArguments(Part part) {
        return switch (part) {
            case NODE -> arguments(nodeArgs(), Kind.REACTIVE_R2DBC);
            case PROJECTOR -> arguments(projectorArgs(), Kind.REACTIVE_JDBC);
            case KAFKA -> throw new IllegalArgumentException("the broker takes no Spring arguments");
        };
    }

    /**
     * The arguments of one more node at {@code port}, with a state directory of its own, to run in a child
     * JVM; its partitions rebalance with the other nodes'.
     */
    public String[] nodeArguments(int port) {
        return arguments(nodeArgs(port, LocalStackSettings.freePort(), LocalStackSettings.freePort(),
                settings.dataDir().resolve("streams-" + port)), Kind.REACTIVE_R2DBC);
    }

    private Map<String, Object> projectorArgs() {
        return Map.of(
                "server.port", settings.projectorPort(),
                "spring.kafka.bootstrap-servers", kafkaBootstrap,
                "spring.datasource.url", postgres.jdbcUrl(),
                "spring.datasource.username", "postgres",
                "spring.datasource.password", "postgres");
    }

    /**
     * Starts one more node in this JVM, with its own port and state directory: the partitions rebalance
     * across the nodes, and each answers for the users it holds (sending the others' requests on).
     */
    public ConfigurableApplicationContext addNode(int port) {
        return addNode(port, Map.of());
    }

    /** {@link #addNode(int)} with settings of its own over the stack's ({@code twobrains.processor.*}, say). */
    public ConfigurableApplicationContext addNode(int port, Map<String, Object> own) {
        Map<String, Object> args = nodeArgs(port, LocalStackSettings.freePort(), LocalStackSettings.freePort(),
                settings.dataDir().resolve("streams-" + port));
        args.putAll(own);
        return trackContext(NodeApplication.application(), args, Kind.REACTIVE_R2DBC);
    }

    private Map<String, Object> nodeArgs() {
        return nodeArgs(settings.doorPort(), settings.internalPort(), settings.managementPort(),
                settings.dataDir().resolve("streams"));
    }

    private Map<String, Object> nodeArgs(int port, int internalPort, int managementPort, Path stateDir) {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("server.port", port);
        args.put("management.server.port", managementPort);
        args.put("twobrains.processor.internal-port", internalPort);
        args.put("spring.kafka.bootstrap-servers", kafkaBootstrap);
        args.put("spring.r2dbc.url", postgres.r2dbcUrl());
        args.put("spring.r2dbc.username", "postgres");
        args.put("spring.r2dbc.password", "postgres");
        args.put("twobrains.processor.state-dir", stateDir);
        args.put("twobrains.processor.partitions", settings.partitions());
        args.put("twobrains.processor.commit-interval", settings.commitInterval().toMillis() + "ms");
        // The stack's own master key, unless the settings name the master keys (rotating them, say).
        if (!settings.overrides().containsKey(LocalSecrets.CURRENT_KEY_ID)) {
            SecretsProperties secrets = LocalSecrets.properties(settings.dataDir());
            secrets.masterKeys().forEach((id, key) -> args.put("twobrains.secrets.master-keys." + id, key));
            args.put(LocalSecrets.CURRENT_KEY_ID, secrets.currentKeyId());
        }
        return args;
    }

    private void createTopics() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrap))) {
            Topics.ensure(admin, settings.partitions(), (short) 1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not create the chat topics", e);
        }
    }

    private void rebuildNode() {
        try {
            NodeApplication.rebuild(app -> embedded(app), arguments(nodeArgs(), Kind.REACTIVE_R2DBC));
        } catch (Exception e) {
            throw new IllegalStateException("rebuild failed", e);
        }
    }

    private void awaitNodeRunning() {
        KafkaStreams streams = node.getBean(ChatStreams.class).streams();
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (streams.state() != KafkaStreams.State.RUNNING) {
            if (System.nanoTime() > deadline || streams.state() == KafkaStreams.State.ERROR) {
                throw new IllegalStateException("the processor did not reach RUNNING: " + streams.state());
            }
            sleep(50);
        }
    }

    private ConfigurableApplicationContext trackContext(SpringApplicationBuilder app, Map<String, Object> args, Kind kind) {
        return track(embedded(app).run(arguments(args, kind)));
    }

    /**
     * What every context of the stack gets: no shutdown hook of its own, and its own Netty resources
     * (the servlet one too: it has a WebClient, and closing it would otherwise dispose of the global ones).
     */
    private static SpringApplicationBuilder embedded(SpringApplicationBuilder app) {
        return app.registerShutdownHook(false).initializers(new OwnNettyResources());
    }

    /** Command-line arguments win over each service's own config file. */
    private String[] arguments(Map<String, Object> args, Kind kind) {
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("spring.main.banner-mode", "off");
        all.put("twobrains.security.issuer", settings.issuer());
        all.put("twobrains.security.jwk-set-uri", "http://127.0.0.1:" + settings.oidcPort() + "/oauth2/jwks");
        all.put("spring.autoconfigure.exclude", kind.excludes);
        all.putAll(settings.overrides());
        all.putAll(args);
        return all.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
    }

    private <T extends AutoCloseable> T track(T resource) {
        started.add(resource);
        return resource;
    }

    public URI doorUrl() {
        return URI.create("http://localhost:" + settings.doorPort());
    }

    /** The node's actuator: health, info and metrics, on a port of its own that the door never serves. */
    public URI managementUrl() {
        return URI.create("http://localhost:" + settings.managementPort());
    }

    public URI oidcUrl() {
        return URI.create(settings.issuer());
    }

    public String kafkaBootstrapServers() {
        return kafkaBootstrap;
    }

    /** The global brain's database (user and password: postgres). */
    public String postgresJdbcUrl() {
        return postgres.jdbcUrl();
    }

    /** The same database as the node reaches it, through R2DBC (user and password: postgres). */
    public String postgresR2dbcUrl() {
        return postgres.r2dbcUrl();
    }

    public LocalStackSettings settings() {
        return settings;
    }

    private void printUrls() {
        System.out.printf("""

                twobrains is running (data in %s)
                  twobrains          %s   (sign in as alice, bob or admin; password: password)
                  API docs           %s/swagger-ui.html
                  Actuator           %s/actuator/health   (not served by the door)
                  OIDC provider      %s   (a token: curl -d sub=alice %s/dev/token)
                  Kafka              %s
                  PostgreSQL         %s
                Press Ctrl-C to stop.
                %n""", settings.dataDir(), doorUrl(), doorUrl(), managementUrl(), oidcUrl(), oidcUrl(), kafkaBootstrap,
                postgres.jdbcUrl());
    }

    /** Stops everything in the reverse order of starting; safe to call twice. */
    @Override
    public synchronized void close() {
        List<AutoCloseable> reverse = new ArrayList<>(started);
        Collections.reverse(reverse);
        started.clear();
        for (AutoCloseable resource : reverse) {
            try {
                resource.close();
            } catch (Exception e) {
                log.warn("error while stopping {}", resource.getClass().getSimpleName(), e);
            }
        }
    }

    private static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sleeps; an interrupt ends it with an exception, the interrupt flag set again. */
    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
