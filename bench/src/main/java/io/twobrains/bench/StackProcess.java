package io.twobrains.bench;

import io.twobrains.local.LocalStackSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import javax.management.MBeanServerConnection;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * The system under test started as a user starts it ({@code LocalStack.start}, as its {@code main} does,
 * through {@link StackMain}), in a JVM of its own, with a data directory of its own and seven ports from
 * a free base, so it runs beside anything else on the machine. The bench's
 * settings (quotas, the model to point at) reach every service as system properties. Its parts, for
 * the CPU figures, are the stack's JVM and PostgreSQL's postmaster (which the embedded PostgreSQL
 * leaves to init: it is found by its data directory's {@code postmaster.pid}), each with its descendants.
 */
final class StackProcess implements AutoCloseable {

    static final String STACK = "stack JVM";
    static final String POSTGRES = "PostgreSQL";
    static final String BROKER = "Kafka broker JVM";
    /** The stack's seven, then one for JMX (the processor's Kafka metrics, {@link StreamThreadTime}). */
    private static final int PORTS = StackMain.PORTS + 1;
    private static final int JMX = StackMain.PORTS;
    private static final Duration START = Duration.ofMinutes(6);

    private final JavaChild child;
    /** The broker's own JVM ({@code --broker process}), or null when the broker runs in the stack's. */
    private final JavaChild broker;
    private final Path dataDir;
    /** Where StackMain puts each part: the ports are read from here, never worked out again. */
    private final LocalStackSettings settings;
    private final int jmxPort;
    private JMXConnector jmx;

    private StackProcess(JavaChild child, JavaChild broker, Path dataDir, LocalStackSettings settings, int jmxPort) {
        this.child = child;
        this.broker = broker;
        this.dataDir = dataDir;
        this.settings = settings;
        this.jmxPort = jmxPort;
    }

    /**
     * @param jvmOptions    more options for the stack's JVM, after the README's ({@code --stack-jvm "-XX:StartFlightRecording=..."})
     * @param properties    settings for every service in it
     * @param brokerOptions the broker's JVM options when it runs in a JVM of its own ({@code --broker process},
     *                      as deployed), or null to run it in the stack's JVM (the README's first command)
     */
    static StackProcess start(Duration commitInterval, List<String> jvmOptions, Map<String, Object> properties,
            List<String> brokerOptions) {
        try {
            Path dataDir = Files.createTempDirectory("twobrains-bench");
            int base = freePortBlock(PORTS);
            LocalStackSettings settings = StackMain.settings(dataDir, base, commitInterval);
            Map<String, String> systemProperties = new LinkedHashMap<>(jmx(base + JMX));
            properties.forEach((key, value) -> systemProperties.put(key, String.valueOf(value)));
            JavaChild broker = null;
            if (brokerOptions != null) {
                System.out.printf("  starting the broker in its own JVM (port %d)%n", settings.kafkaPort());
                List<String> options = new java.util.ArrayList<>(BrokerMain.JVM_OPTIONS);
                options.addAll(brokerOptions);
                broker = JavaChild.start("broker", BrokerMain.class.getName(), options, Map.of(), Map.of(),
                        List.of(dataDir.resolve("kafka").toString(), Integer.toString(settings.kafkaPort()),
                                Integer.toString(settings.kafkaControllerPort())),
                        JavaChild.logFile("broker"), BrokerMain.READY, START);
            }
            System.out.printf("  starting the stack in its own JVM (ports %d-%d, data in %s)%n", base, base + PORTS - 1,
                    dataDir);
            long begin = System.nanoTime();
            List<String> args = new java.util.ArrayList<>(List.of(dataDir.toString(), Integer.toString(base),
                    Long.toString(commitInterval.toMillis())));
            if (broker != null) {
                args.add(StackMain.EXTERNAL_KAFKA);
            }
            JavaChild child;
            try {
                // The README's options first, so that --stack-jvm can override them (the JVM takes the last).
                List<String> options = new java.util.ArrayList<>(StackMain.JVM_OPTIONS);
                options.addAll(jvmOptions);
                child = JavaChild.start("stack", StackMain.class.getName(), options, systemProperties,
                        Map.of(), args, JavaChild.logFile("stack"), StackMain.READY, START);
            } catch (RuntimeException e) {
                if (broker != null) {
                    broker.close();
                }
                throw e;
            }
            System.out.printf("  stack ready in %.0f s (pid %d, log %s)%n", (System.nanoTime() - begin) / 1e9,
                    child.pid(), child.log());
            return new StackProcess(child, broker, dataDir, settings, base + JMX);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    URI door() {
        return URI.create("http://localhost:" + settings.doorPort());
    }

    URI oidc() {
        return URI.create("http://localhost:" + settings.oidcPort());
    }

    String kafka() {
        return "127.0.0.1:" + settings.kafkaPort();
    }

    String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + settings.postgresPort() + "/postgres";
    }

    long pid() {
        return child.pid();
    }

    /** Remote JMX on the loopback address only, without authentication: the bench reads Kafka's metrics there. */
    private static Map<String, String> jmx(int port) {
        return Map.of("com.sun.management.jmxremote.port", Integer.toString(port),
                "com.sun.management.jmxremote.rmi.port", Integer.toString(port),
                "com.sun.management.jmxremote.host", "127.0.0.1",
                "com.sun.management.jmxremote.authenticate", "false",
                "com.sun.management.jmxremote.ssl", "false",
                "java.rmi.server.hostname", "127.0.0.1");
    }

    /** The stack's MBeans (Kafka's metrics among them), or null when they cannot be reached. */
    synchronized MBeanServerConnection mbeans() {
        if (jmx == null) {
            try {
                jmx = JMXConnectorFactory.connect(new JMXServiceURL(
                        "service:jmx:rmi:///jndi/rmi://127.0.0.1:" + jmxPort + "/jmxrmi"));
            } catch (IOException e) {
                System.out.printf("  no JMX on the stack (%s): no stream-thread figures%n", e.getMessage());
                return null;
            }
        }
        try {
            return jmx.getMBeanServerConnection();
        } catch (IOException e) {
            return null;
        }
    }

    /** The stack's postmaster: the first line of its data directory's postmaster.pid. */
    long postgresPid() {
        try {
            return Long.parseLong(Files.readAllLines(dataDir.resolve("postgres/postmaster.pid")).get(0).trim());
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL's pid file is not there", e);
        }
    }

    SystemMeter.Part stackPart() {
        return new SystemMeter.Part(STACK, pid());
    }

    SystemMeter.Part postgresPart() {
        return new SystemMeter.Part(POSTGRES, postgresPid());
    }

    /** The stack's processes: its JVM, the broker's when it has one, PostgreSQL. */
    List<SystemMeter.Part> parts() {
        return broker == null ? List.of(stackPart(), postgresPart())
                : List.of(stackPart(), brokerPart(), postgresPart());
    }

    /** The JVM the broker runs in: its own, or the stack's. */
    SystemMeter.Part brokerPart() {
        return broker == null ? stackPart() : new SystemMeter.Part(BROKER, broker.pid());
    }

    @Override
    public void close() {
        if (jmx != null) {
            try {
                jmx.close();
            } catch (IOException e) {
                // the stack is stopping anyway
            }
        }
        child.close();
        if (broker != null) {
            broker.close();
        }
        try (Stream<Path> paths = Files.walk(dataDir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            System.out.printf("  could not delete %s: %s%n", dataDir, e.getMessage());
        }
    }

    /** A base port from which {@code count} ports are free now, on any address. */
    static int freePortBlock(int count) {
        for (int attempt = 0; attempt < 100; attempt++) {
            int base = ThreadLocalRandom.current().nextInt(20_000, 60_000 - count);
            boolean free = true;
            for (int port = base; port < base + count && free; port++) {
                free = isFree(port);
            }
            if (free) {
                return base;
            }
        }
        throw new IllegalStateException("found no " + count + " free ports in a row");
    }

    private static boolean isFree(int port) {
        try (ServerSocket any = new ServerSocket()) {
            any.setReuseAddress(false);
            any.bind(new InetSocketAddress((InetAddress) null, port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
