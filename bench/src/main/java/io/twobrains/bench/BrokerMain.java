package io.twobrains.bench;

import io.twobrains.local.kafka.LocalKafkaBroker;
import java.nio.file.Path;

/**
 * The local stack's Kafka broker in a JVM of its own ({@code --broker process}), as a deployment runs it
 * beside the nodes: its request handling, its metrics and its garbage leave the node's heap and CPU,
 * and the bench counts its CPU as a part of the system of its own.
 *
 * <p>Run: {@code BrokerMain <log dir> <broker port> <controller port>}; it runs until SIGTERM.
 */
public final class BrokerMain {

    /**
     * The JVM options Kafka's own start script ({@code kafka-run-class.sh}) gives a broker unless told
     * otherwise: a 1 GB heap and G1 aiming at 20 ms pauses. A broker as deployed runs with them, and the
     * bench's broker starts with them too ({@code --broker-jvm} adds options after them).
     */
    static final java.util.List<String> JVM_OPTIONS = java.util.List.of("-Xms1g", "-Xmx1g", "-XX:+UseG1GC",
            "-XX:MaxGCPauseMillis=20", "-XX:InitiatingHeapOccupancyPercent=35", "-XX:+ExplicitGCInvokesConcurrent");

    /** The ready line {@link StackProcess} waits for. */
    static final String READY = "the broker is running";

    private BrokerMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        LocalKafkaBroker broker = new LocalKafkaBroker(Path.of(args[0]), Integer.parseInt(args[1]),
                Integer.parseInt(args[2])).start();
        System.out.printf("%s (%s)%n", READY, broker.bootstrapServers());
        broker.runUntilStopped();
    }
}
