package io.twobrains.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where the local stack keeps its data and which ports it uses.
 *
 * @param dataDir        everything that survives a restart: Kafka logs, Postgres, RocksDB, the OIDC key
 * @param doorPort       the node's public port: the door and both APIs answer there
 * @param internalPort   the node's internal port, where other nodes send it requests for its users
 * @param managementPort the node's actuator (health, metrics), apart from the door so it is never public
 * @param partitions     partitions of the chat topics (created on first start)
 * @param commitInterval the processor's transaction commit interval
 * @param overrides      more properties for every service
 * @param external       parts another process runs, at this stack's ports and data directory (a fault
 *                       test kills and restarts them); the stack expects them there and does not start them
 */
public record LocalStackSettings(Path dataDir, int doorPort, int internalPort, int managementPort, int projectorPort, int oidcPort,
        int kafkaPort, int kafkaControllerPort, int postgresPort, int partitions, Duration commitInterval,
        Map<String, Object> overrides, Set<Part> external) {

    /** The parts of the stack that may run outside its JVM. */
    public enum Part { KAFKA, NODE, PROJECTOR }

    public LocalStackSettings {
        overrides = Map.copyOf(overrides);
        external = Set.copyOf(external);
    }

    /** Everything in this JVM. */
    public LocalStackSettings(Path dataDir, int doorPort, int internalPort, int managementPort, int projectorPort, int oidcPort,
            int kafkaPort, int kafkaControllerPort, int postgresPort, int partitions, Duration commitInterval,
            Map<String, Object> overrides) {
        this(dataDir, doorPort, internalPort, managementPort, projectorPort, oidcPort, kafkaPort, kafkaControllerPort, postgresPort,
                partitions, commitInterval, overrides, Set.of());
    }

    /** The ports of the README: the door on 8080, the actuator on 8085, the OIDC provider on 9000, Kafka on 9092. */
    public static LocalStackSettings standard(Path dataDir) {
        return new LocalStackSettings(dataDir, 8080, 8081, 8085, 8084, 9000, 9092, 9093, 15432, 3, Duration.ofMillis(10), Map.of());
    }

    /** Free ports picked now, for tests that run beside other things. */
    public static LocalStackSettings freePorts(Path dataDir) {
        Set<Integer> taken = new HashSet<>();
        return new LocalStackSettings(dataDir, free(taken), free(taken), free(taken), free(taken), free(taken), free(taken),
                free(taken), free(taken), 3, Duration.ofMillis(10), Map.of());
    }

    public LocalStackSettings withCommitInterval(Duration interval) {
        return new LocalStackSettings(dataDir, doorPort, internalPort, managementPort, projectorPort, oidcPort, kafkaPort, kafkaControllerPort,
                postgresPort, partitions, interval, overrides, external);
    }

    /** Extra properties for every service (as command-line arguments), e.g. a lower quota for a test. */
    public LocalStackSettings with(Map<String, Object> moreOverrides) {
        Map<String, Object> all = new java.util.HashMap<>(overrides);
        all.putAll(moreOverrides);
        return new LocalStackSettings(dataDir, doorPort, internalPort, managementPort, projectorPort, oidcPort, kafkaPort, kafkaControllerPort,
                postgresPort, partitions, commitInterval, all, external);
    }

    /** The same stack with {@code parts} left to another process (see {@link LocalStack#childArguments}). */
    public LocalStackSettings withExternal(Part... parts) {
        Set<Part> all = new HashSet<>(external);
        all.addAll(List.of(parts));
        return new LocalStackSettings(dataDir, doorPort, internalPort, managementPort, projectorPort, oidcPort, kafkaPort, kafkaControllerPort,
                postgresPort, partitions, commitInterval, overrides, all);
    }

    public boolean runsHere(Part part) {
        return !external.contains(part);
    }

    public String issuer() {
        return "http://localhost:" + oidcPort;
    }

    public Path oidcKeyFile() {
        return dataDir.resolve("oidc/signing-key.json");
    }

    /** A port free on the loopback address now. */
    public static int freePort() {
        return free(new HashSet<>());
    }

    private static int free(Set<Integer> taken) {
        while (true) {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                if (taken.add(socket.getLocalPort())) {
                    return socket.getLocalPort();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
