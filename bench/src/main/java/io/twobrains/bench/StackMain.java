package io.twobrains.bench;

import io.twobrains.command.chat.SharedElasticPool;
import io.twobrains.local.LocalStack;
import io.twobrains.local.LocalStackSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The local stack as {@code LocalStack.main} starts it (the README's first command), on ports the bench
 * chose, so that it runs beside a stack on the standard ports; {@link StackProcess} runs it in a JVM of
 * its own. Only the ports and the commit interval differ from the README's stack.
 *
 * <p>Run: {@code StackMain <data dir> <first port> <commit interval ms> [external-kafka]}: the node's public
 * port, its internal port, the projector, the OIDC provider, Kafka, its controller, PostgreSQL and the
 * node's management port take eight ports from the first, in that order ({@link #ports}). With
 * {@code external-kafka} the broker is not started here: {@link BrokerMain} runs it at those ports.
 */
public final class StackMain {

    /** The ready line {@link StackProcess} waits for. */
    static final String READY = "twobrains is running";
    static final int PORTS = 8;
    /** The JVM options of the README's first command, which the bench's stack JVM starts with too. */
    static final java.util.List<String> JVM_OPTIONS = java.util.List.of("-XX:MaxTenuringThreshold=1");
    /** The fourth argument that leaves the broker to a process of its own. */
    static final String EXTERNAL_KAFKA = "external-kafka";

    private StackMain() {
    }

    public static void main(String[] args) {
        SharedElasticPool.size();
        LocalStackSettings settings = fromArguments(args);
        LocalStack stack = LocalStack.start(settings, false, false);
        Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "bench-stack-shutdown"));
        System.out.printf("%s (door %s, Kafka %s, PostgreSQL %s)%n", READY, stack.doorUrl(),
                stack.kafkaBootstrapServers(), stack.postgresJdbcUrl());
    }

    /** The settings {@code main}'s arguments give. */
    static LocalStackSettings fromArguments(String... args) {
        LocalStackSettings settings = settings(Path.of(args[0]).toAbsolutePath(), Integer.parseInt(args[1]),
                Duration.ofMillis(Long.parseLong(args[2])));
        if (args.length > 3) {
            if (!args[3].equals(EXTERNAL_KAFKA)) {
                throw new IllegalArgumentException("the fourth argument, if any, is " + EXTERNAL_KAFKA + ": " + args[3]);
            }
            settings = settings.withExternal(LocalStackSettings.Part.KAFKA);
        }
        return settings;
    }

    /** The README's stack with {@link #PORTS} ports from {@code base} and the given commit interval. */
    static LocalStackSettings settings(Path dataDir, int base, Duration commitInterval) {
        LocalStackSettings standard = LocalStackSettings.standard(dataDir);
        // The management port comes last, so the others keep the places StackProcess addresses them at.
        return new LocalStackSettings(dataDir, base, base + 1, base + 7, base + 2, base + 3, base + 4, base + 5, base + 6,
                standard.partitions(), commitInterval, Map.of());
    }
}
