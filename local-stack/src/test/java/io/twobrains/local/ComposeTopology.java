package io.twobrains.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;

/**
 * {@code docker-compose.yml}'s topology on this machine, without Docker: a Kafka broker in a process
 * of its own, PostgreSQL from zonky's binaries of the image's major version, Keycloak from its
 * distribution with the realm the file mounts, {@value #NODES} replicas of the node and the usage
 * projector, each a JVM running the jar its image packages ({@code <module>/target/<module>-*-exec.jar},
 * as the Dockerfile copies it) with the environment the file gives its service. In the order of the
 * file's {@code depends_on}, each waited for by the file's own health check.
 *
 * <p>Only what containers get for free is translated: the services' names ({@code kafka:9092},
 * {@code keycloak:8080}) become the loopback address; each container port becomes a free port here
 * (a node's or Keycloak's own port too, which a container need not set); and the addresses a browser
 * uses, the published ports on localhost (Keycloak's 8180, the nodes' 8080 and up), become those free
 * ports on localhost, in the environments and the realm alike. Variables are those of a machine that
 * sets none of the file's.
 */
final class ComposeTopology implements AutoCloseable {

    /** As {@code docker compose up --scale node=2}. */
    static final int NODES = 2;

    private static final Duration START_LIMIT = Duration.ofMinutes(4);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /**
     * The settings by which a service listens on its container ports: a container keeps the defaults,
     * here each replica needs ports of its own. (The broker and PostgreSQL are given theirs directly.)
     */
    private static final Map<String, Map<String, Integer>> LISTENS = Map.of(
            "keycloak", Map.of("KC_HTTP_PORT", 8080, "KC_HTTP_MANAGEMENT_PORT", 9000),
            "node", Map.of("SERVER_PORT", 8080, "TWOBRAINS_PROCESSOR_INTERNAL_PORT", 8081, "MANAGEMENT_SERVER_PORT", 8085),
            "usage-projector", Map.of("SERVER_PORT", 8084));

    /** One container: its service, which replica, and where its container ports and anonymous volumes are here. */
    private record Instance(String service, int replica, Map<Integer, Integer> ports, Map<String, Path> volumes) {
    }

    private final ComposeFile compose;
    private final Path work;
    private final Path keycloakHome;
    private final Path postgresBinaries;
    private final Map<String, List<Instance>> instances = new LinkedHashMap<>();
    private final Map<String, String> addresses = new LinkedHashMap<>();
    private final List<AutoCloseable> running = new ArrayList<>();
    private final Map<String, Duration> startUp = new LinkedHashMap<>();
    private ComposePostgres postgres;

    private ComposeTopology(ComposeFile compose, Path keycloakHome, Path postgresBinaries) {
        this.compose = compose;
        this.work = Stacks.tempDir("twobrains-compose");
        this.keycloakHome = keycloakHome;
        this.postgresBinaries = postgresBinaries;
        Set<Integer> taken = new HashSet<>();
        add(new Instance("kafka", 0, Map.of(9092, free(taken), 9093, free(taken)), Map.of()));
        add(new Instance("postgres", 0, Map.of(5432, free(taken)), Map.of()));
        add(new Instance("keycloak", 0, ports("keycloak", taken), Map.of()));
        for (int replica = 0; replica < NODES; replica++) {
            add(new Instance("node", replica, ports("node", taken), Map.of("/data", work.resolve("node-" + replica).resolve("data"))));
        }
        add(new Instance("usage-projector", 0, ports("usage-projector", taken), Map.of()));
    }

    private static Map<Integer, Integer> ports(String service, Set<Integer> taken) {
        Map<Integer, Integer> ports = new LinkedHashMap<>();
        LISTENS.get(service).values().forEach(container -> ports.put(container, free(taken)));
        return ports;
    }

    /** Starts everything, or stops what it had started and throws. */
    static ComposeTopology start(Path keycloakHome, Path postgresBinaries) {
        ComposeTopology topology = new ComposeTopology(ComposeFile.read(), keycloakHome, postgresBinaries);
        try {
            topology.startAll();
            return topology;
        } catch (RuntimeException | Error e) {
            topology.close();
            throw e;
        }
    }

    private void startAll() {
        long began = System.nanoTime();
        ChildJvm keycloak = startKeycloak();
        timed("kafka", () -> running.add(BrokerProcess.start(work.resolve("kafka"), port("kafka", 0, 9092), port("kafka", 0, 9093))));
        timed("postgres", () -> {
            postgres = ComposePostgres.start(postgresBinaries, work.resolve("postgres"), port("postgres", 0, 5432),
                    compose.service("postgres"));
            running.add(postgres);
        });
        timed("keycloak, beyond kafka and postgres", () -> awaitHealthy(keycloak, instance("keycloak", 0)));
        timed("nodes", () -> {
            List<ChildJvm> nodes = new ArrayList<>();
            for (int replica = 0; replica < NODES; replica++) {
                nodes.add(startService(instance("node", replica)));
            }
            for (int replica = 0; replica < NODES; replica++) {
                awaitHealthy(nodes.get(replica), instance("node", replica));
            }
        });
        timed("usage-projector", () -> awaitHealthy(startService(instance("usage-projector", 0)), instance("usage-projector", 0)));
        startUp.put("all", Duration.ofNanos(System.nanoTime() - began));
    }

    /** Where a browser opens the app on a node replica (the file's published port, here). */
    URI door(int replica) {
        return URI.create("http://localhost:" + port("node", replica, 8080));
    }

    /** Where browsers and scripts reach Keycloak (the file's published port, here). */
    URI keycloak() {
        return URI.create("http://localhost:" + port("keycloak", 0, 8080));
    }

    String postgresVersion() {
        return postgres.version();
    }

    /** How long each part took to be healthy. */
    Map<String, Duration> startUp() {
        return Map.copyOf(startUp);
    }

    /** The file's value with its services' addresses translated to this machine's. */
    String translate(String value) {
        Matcher address = Pattern.compile(addresses.keySet().stream().map(Pattern::quote)
                .collect(Collectors.joining("|", "(?:", ")(?!\\d)"))).matcher(value);
        return address.replaceAll(found -> Matcher.quoteReplacement(addresses.get(found.group())));
    }

    private ChildJvm startKeycloak() {
        ComposeFile.Service service = compose.service("keycloak");
        ChildJvm keycloak = KeycloakDistribution.start(keycloakHome, compose.root(), service,
                environment(service, instance("keycloak", 0)), this::translate);
        running.add(keycloak);
        return keycloak;
    }

    /** A service's jar, as its image runs it. */
    private ChildJvm startService(Instance instance) {
        ComposeFile.Service service = compose.service(instance.service());
        ChildJvm child = ChildJvm.startJar("compose-" + instance.service() + "-" + instance.replica(), jar(service.module()),
                environment(service, instance));
        running.add(child);
        return child;
    }

    /** The service's environment, translated, with the container's paths and ports replaced by this replica's. */
    private Map<String, String> environment(ComposeFile.Service service, Instance instance) {
        Map<String, String> environment = new LinkedHashMap<>();
        service.environment().forEach((name, value) -> {
            String translated = translate(value);
            for (Map.Entry<String, Path> volume : instance.volumes().entrySet()) {
                if (translated.equals(volume.getKey()) || translated.startsWith(volume.getKey() + "/")) {
                    translated = volume.getValue() + translated.substring(volume.getKey().length());
                }
            }
            environment.put(name, translated);
        });
        LISTENS.getOrDefault(instance.service(), Map.of()).forEach((setting, container) ->
                environment.put(setting, Integer.toString(instance.ports().get(container))));
        return environment;
    }

    private Path jar(String module) {
        Path target = compose.root().resolve(module).resolve("target");
        try (var files = Files.list(target)) {
            return files.filter(file -> file.getFileName().toString().matches(Pattern.quote(module) + "-.*-exec\\.jar"))
                    .findFirst().orElseThrow();
        } catch (IOException | java.util.NoSuchElementException e) {
            throw new IllegalStateException("no " + module + "-*-exec.jar in " + target + ": build with -am (the image copies it)", e);
        }
    }

    /** Waits until the file's health check for this container passes here (an HTTP 200). */
    private void awaitHealthy(ChildJvm child, Instance instance) {
        URI check = compose.service(instance.service()).health();
        URI here = URI.create("http://127.0.0.1:" + instance.ports().get(check.getPort()) + check.getPath());
        Awaitility.await(child + " healthy at " + here).atMost(START_LIMIT).pollInterval(Duration.ofMillis(500))
                .ignoreExceptionsMatching(e -> e instanceof IOException || e.getCause() instanceof IOException)
                .until(() -> {
                    if (!child.isAlive()) {
                        throw new AssertionError(child + " exited; its log ends:\n" + child.logTail(20));
                    }
                    return HTTP.send(HttpRequest.newBuilder(here).timeout(Duration.ofSeconds(5)).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                });
    }

    private void add(Instance instance) {
        instances.computeIfAbsent(instance.service(), name -> new ArrayList<>()).add(instance);
        boolean alone = !instance.service().equals("node");
        instance.ports().forEach((container, here) -> {
            if (alone) {
                addresses.put(instance.service() + ":" + container, "127.0.0.1:" + here);
            }
        });
        // Published "8180:8080", or a range "8080-8089:8080" with one host port per replica.
        for (String published : compose.service(instance.service()).ports()) {
            String[] hostAndContainer = published.split(":");
            int firstHostPort = Integer.parseInt(hostAndContainer[0].split("-")[0]);
            Integer here = instance.ports().get(Integer.parseInt(hostAndContainer[1]));
            addresses.put("localhost:" + (firstHostPort + instance.replica()), "localhost:" + here);
        }
    }

    private Instance instance(String service, int replica) {
        return instances.get(service).get(replica);
    }

    private int port(String service, int replica, int containerPort) {
        return instance(service, replica).ports().get(containerPort);
    }

    private void timed(String part, Runnable start) {
        long began = System.nanoTime();
        start.run();
        startUp.put(part, Duration.ofNanos(System.nanoTime() - began));
    }

    private static int free(Set<Integer> taken) {
        while (true) {
            int port = LocalStackSettings.freePort();
            if (taken.add(port)) {
                return port;
            }
        }
    }

    /** Kills every process, last started first, and deletes the data. */
    @Override
    public void close() {
        for (int i = running.size() - 1; i >= 0; i--) {
            try {
                running.get(i).close();
            } catch (Exception e) {
                // the others are still stopped
            }
        }
        running.clear();
        try {
            deleteRecursively(work);
        } catch (IOException ignored) {
            // a temporary directory left behind is harmless
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }
}
