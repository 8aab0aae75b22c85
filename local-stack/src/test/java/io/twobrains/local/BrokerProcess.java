package io.twobrains.local;

import io.twobrains.local.kafka.LocalKafkaBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.awaitility.Awaitility;

/**
 * The local stack's Kafka broker in a process of its own, on the stack's ports and in its data
 * directory, so it can be stopped and started again under a running stack. It is the same broker
 * the stack would run itself (same settings, same formatting on first use); SIGTERM shuts it down
 * cleanly, SIGKILL leaves its logs to recover on the next start.
 */
final class BrokerProcess {

    private BrokerProcess() {
    }

    /** Starts the broker for {@code settings} and waits until it accepts clients. */
    static ChildJvm start(LocalStackSettings settings) {
        return start(settings.dataDir().resolve("kafka"), settings.kafkaPort(), settings.kafkaControllerPort());
    }

    /** Starts a broker with its log in {@code logDir}, on these ports, and waits until it accepts clients. */
    static ChildJvm start(Path logDir, int port, int controllerPort) {
        ChildJvm broker = ChildJvm.start("kafka-" + port, BrokerProcess.class,
                logDir.toString(), Integer.toString(port), Integer.toString(controllerPort));
        awaitReady(broker, port);
        return broker;
    }

    /** Starts a stopped broker again, on the same ports and log directory, and waits until it accepts clients. */
    static void restart(ChildJvm broker, LocalStackSettings settings) {
        broker.startAgain();
        awaitReady(broker, settings.kafkaPort());
    }

    private static void awaitReady(ChildJvm broker, int port) {
        Map<String, Object> config = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + port,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000);
        try (Admin admin = Admin.create(config)) {
            Awaitility.await(broker + " accepts clients").atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> {
                        if (!broker.isAlive()) {
                            throw new AssertionError(broker + " exited");
                        }
                        try {
                            return !admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty();
                        } catch (ExecutionException | TimeoutException e) {
                            return false;
                        }
                    });
        }
    }

    /** Arguments: the log directory, the broker port, the controller port. Runs until SIGTERM. */
    public static void main(String[] args) throws InterruptedException {
        new LocalKafkaBroker(Path.of(args[0]), Integer.parseInt(args[1]), Integer.parseInt(args[2])).start()
                .runUntilStopped();
    }
}
