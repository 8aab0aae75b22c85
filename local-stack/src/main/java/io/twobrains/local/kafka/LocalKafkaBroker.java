package io.twobrains.local.kafka;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Apache Kafka broker (KRaft, combined broker + controller) running inside
 * the current JVM, with its data in {@code logDir} so that topics and records survive a restart.
 *
 * <pre>{@code
 * try (LocalKafkaBroker kafka = new LocalKafkaBroker(Path.of("data/kafka"), 9092, 0).start()) {
 *     String bootstrap = kafka.bootstrapServers(); // "127.0.0.1:9092"
 *     ...
 * }
 * }</pre>
 *
 * <p>The directory is formatted on first use only; later starts reuse its cluster id and data.
 * One instance is one start/stop cycle: to restart, close it and create a new instance on the
 * same directory. Only one running broker may use a directory at a time (Kafka locks it).
 *
 * <p>Everything listens on 127.0.0.1 only. A port of 0 means "pick a free port now"; the pick
 * happens before Kafka binds, so another process could in theory grab it in between.
 */
public final class LocalKafkaBroker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalKafkaBroker.class);

    private static final String HOST = "127.0.0.1";
    private static final int NODE_ID = 1;
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

    private final Path logDir;
    private final int requestedBrokerPort;
    private final int requestedControllerPort;
    private final SaslUsers users;

    private int brokerPort;
    private KafkaRaftServer server;
    private boolean started;
    private boolean closed;

    public LocalKafkaBroker(Path logDir, int brokerPort, int controllerPort) {
        this(logDir, brokerPort, controllerPort, null);
    }

    /**
     * A broker that, with {@code users} given, accepts only clients that sign in (SASL/PLAIN) as one of
     * them, and lets each do only what the ACLs allow (Kafka's {@code StandardAuthorizer}); the super
     * user, which the broker and controller also use between themselves, may do everything. Null: a
     * plaintext broker with no authorizer.
     */
    public LocalKafkaBroker(Path logDir, int brokerPort, int controllerPort, SaslUsers users) {
        this.logDir = logDir.toAbsolutePath().normalize();
        this.requestedBrokerPort = brokerPort;
        this.requestedControllerPort = controllerPort;
        this.users = users;
    }

    /**
     * Keeps the calling thread until the JVM is told to stop (SIGTERM), then shuts the broker down cleanly:
     * the main loop of a broker in a process of its own (a fault test's, the bench's).
     */
    public void runUntilStopped() throws InterruptedException {
        java.util.concurrent.CountDownLatch stopped = new java.util.concurrent.CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            close();
            stopped.countDown();
        }, "kafka-shutdown"));
        stopped.await();
    }

    /** Formats the directory if it is new, starts the broker and waits until clients can use it. */
    public synchronized LocalKafkaBroker start() {
        if (started) {
            throw new IllegalStateException("already started; create a new instance to restart");
        }
        started = true;
        long begin = System.nanoTime();
        try {
            brokerPort = portOrFree(requestedBrokerPort);
            int controllerPort = portOrFree(requestedControllerPort);
            while (controllerPort == brokerPort && requestedControllerPort == 0) {
                controllerPort = portOrFree(0); // two separate picks can, rarely, agree
            }
            KafkaConfig config = new KafkaConfig(brokerConfig(brokerPort, controllerPort), false);
            formatOnFirstUse(config);
            server = new KafkaRaftServer(config, Time.SYSTEM);
            server.startup();
            awaitClientsAccepted();
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
        log.info("Kafka broker on {} ready in {} ms (data in {})", bootstrapServers(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin), logDir);
        return this;
    }

    public synchronized String bootstrapServers() {
        if (!started) {
            throw new IllegalStateException("not started");
        }
        return HOST + ":" + brokerPort;
    }

    /**
     * What a client of this broker sets to reach it as {@code user}: the bootstrap servers, and on a
     * secured broker the SASL settings of that user (none on a plaintext one).
     */
    public synchronized Map<String, Object> clientSettings(String user) {
        Map<String, Object> settings = new HashMap<>(users == null ? Map.of() : users.clientSettings(user));
        settings.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        return settings;
    }

    /** The client settings of the super user (on a plaintext broker, of any client). */
    public synchronized Map<String, Object> superUserSettings() {
        return clientSettings(users == null ? null : users.superUser());
    }

    /** Shuts the broker down cleanly (so the next start needs no log recovery) and waits for it. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
        }
    }

    private Map<String, String> brokerConfig(int brokerPort, int controllerPort) {
        // Strings, as in server.properties: typed values would have to match each setting's exact
        // type (an Integer for a short-typed replication factor is rejected).
        Map<String, String> p = new HashMap<>();
        p.put("process.roles", "broker,controller");
        p.put("node.id", String.valueOf(NODE_ID));
        // Static voters (kraft.version 0) rather than a dynamic quorum: the voter address is not
        // written into the metadata log, so a restart may use a different controller port.
        p.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
        p.put("controller.listener.names", CONTROLLER_LISTENER);
        String protocol = users == null ? "PLAINTEXT" : "SASL_PLAINTEXT";
        p.put("listeners", protocol + "://" + HOST + ":" + brokerPort
                + "," + CONTROLLER_LISTENER + "://" + HOST + ":" + controllerPort);
        p.put("advertised.listeners", protocol + "://" + HOST + ":" + brokerPort);
        p.put("inter.broker.listener.name", protocol);
        p.put("listener.security.protocol.map", protocol + ":" + protocol + "," + CONTROLLER_LISTENER + ":" + protocol);
        if (users != null) {
            p.putAll(users.brokerSettings(protocol, CONTROLLER_LISTENER));
        }
        p.put("log.dirs", logDir.toString());

        // One node: every replication factor and ISR requirement must be 1 or writes stall.
        p.put("default.replication.factor", "1");
        p.put("min.insync.replicas", "1");
        p.put("offsets.topic.replication.factor", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        // Internal topics default to 50 partitions each; a few keep the first consumer-group and
        // transaction start-up quick and the file count small. They are fixed once created.
        p.put("offsets.topic.num.partitions", "4");
        p.put("transaction.state.log.num.partitions", "4");
        p.put("share.coordinator.state.topic.num.partitions", "1");

        p.put("auto.create.topics.enable", "false");
        p.put("num.partitions", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("log.segment.bytes", String.valueOf(16 * 1024 * 1024));
        // This is a durable local store: the 7-day default would silently delete old records.
        p.put("log.retention.ms", "-1");

        // Sized for a 2-core machine that also runs every service.
        p.put("num.network.threads", "2");
        p.put("num.io.threads", "4");
        p.put("background.threads", "2");
        p.put("num.recovery.threads.per.data.dir", "1");
        p.put("group.coordinator.threads", "1");
        p.put("share.coordinator.threads", "1");
        return p;
    }

    private void formatOnFirstUse(KafkaConfig config) {
        if (Files.exists(logDir.resolve("meta.properties"))) {
            return;
        }
        String clusterId = Uuid.randomUuid().toString();
        try {
            Files.createDirectories(logDir);
            new Formatter()
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8))
                    .setNodeId(NODE_ID)
                    .setClusterId(clusterId)
                    .setControllerListenerName(CONTROLLER_LISTENER)
                    .setMetadataLogDirectory(config.metadataLogDir())
                    .addDirectory(logDir.toString())
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("could not format Kafka storage in " + logDir, e);
        }
        log.info("Formatted new Kafka storage in {} (cluster id {})", logDir, clusterId);
    }

    /**
     * {@code KafkaRaftServer.startup()} already returns only once the broker is unfenced; asking
     * for the cluster through a real client proves the advertised listener works as well.
     */
    private void awaitClientsAccepted() {
        Map<String, Object> adminConfig = new HashMap<>(superUserSettings());
        adminConfig.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        adminConfig.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000);
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        Exception lastFailure = null;
        try (Admin admin = Admin.create(adminConfig)) {
            while (System.nanoTime() < deadline) {
                try {
                    if (!admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                } catch (ExecutionException | TimeoutException e) {
                    lastFailure = e;
                }
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the Kafka broker", e);
        }
        throw new IllegalStateException("Kafka broker on " + bootstrapServers()
                + " did not accept clients within " + STARTUP_TIMEOUT, lastFailure);
    }

    private static int portOrFree(int port) {
        if (port != 0) {
            return port;
        }
        try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on " + HOST, e);
        }
    }
}
