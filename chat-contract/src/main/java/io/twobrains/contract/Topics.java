package io.twobrains.contract;

import io.twobrains.contract.json.MalformedRecordException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * The topics of twobrains, each defined once. Every topic is partitioned by user id, so one user's
 * commands, events and deltas share a partition number and stay in order. (Until ADR 12 the
 * processor also wrote {@code chat.replies}; its replies are now handed on in-process.)
 */
public final class Topics {

    public static final String COMMANDS = "chat.commands";
    public static final String EVENTS = "chat.events";
    public static final String DELTAS = "chat.deltas";
    public static final String DLQ = "chat.dlq";
    /** Signals between command-api instances (stop the reply you run); every instance reads all of it. */
    public static final String CONTROL = "chat.control";

    /**
     * The largest record value any twobrains writer produces, in bytes. The biggest is a finished reply:
     * {@link Limits#MAX_REPLY_CHARS} characters at up to 3 UTF-8 bytes each, in at most
     * {@link Limits#MAX_REPLY_PARTS} parts (about 810 KB). It stays below the broker's
     * {@code max.message.bytes} (1 MiB by default, which no topic here overrides), so a larger record
     * can still be written; it is not ours, and its readers dead-letter it as oversized.
     */
    public static final int MAX_RECORD_BYTES = 960 * 1024;

    /** A topic with the configuration it is created with. */
    public record Spec(String name, Map<String, String> configs) {
    }

    private Topics() {
    }

    /** All topics with their retention; partitions are a deployment choice, equal for all of them. */
    public static List<Spec> all() {
        return List.of(
                new Spec(COMMANDS, retention(Duration.ofDays(7))),
                new Spec(EVENTS, Map.of("cleanup.policy", "delete", "retention.ms", "-1", "retention.bytes", "-1")),
                new Spec(DELTAS, retention(Duration.ofHours(1))),
                new Spec(DLQ, retention(Duration.ofDays(14))),
                new Spec(CONTROL, retention(Duration.ofHours(1))));
    }

    /** How long {@link #ensure} waits for topics it created to be listed by the broker it asks. */
    private static final Duration LISTED = Duration.ofSeconds(30);

    /**
     * Creates the topics that do not exist yet, all with the same partition count (they are
     * co-partitioned by user id). Existing topics are left as they are. Returns once every topic is
     * listed: the controller answers a creation before every broker's metadata has it, and a listing
     * just after (TopicChecks, at a node's start) could otherwise miss a topic that exists.
     */
    public static void ensure(Admin admin, int partitions, short replicationFactor)
            throws InterruptedException, ExecutionException {
        Set<String> existing = admin.listTopics().names().get();
        List<NewTopic> missing = all().stream()
                .filter(spec -> !existing.contains(spec.name()))
                .map(spec -> new NewTopic(spec.name(), partitions, replicationFactor).configs(spec.configs()))
                .toList();
        if (missing.isEmpty()) {
            return;
        }
        try {
            admin.createTopics(missing).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
        long deadline = System.nanoTime() + LISTED.toNanos();
        while (!admin.listTopics().names().get().containsAll(missing.stream().map(NewTopic::name).toList())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("created the chat topics, but the broker did not list them within " + LISTED);
            }
            Thread.sleep(50);
        }
    }

    /**
     * The partition of a user on every chat topic: where Kafka's default partitioner puts a record keyed
     * by the user id. A writer of records that hold many users' data (delta batches) puts them there
     * itself, so a reader of one user finds them all on one partition.
     */
    public static int partitionOf(String userId, int partitions) {
        return org.apache.kafka.common.utils.Utils.toPositive(org.apache.kafka.common.utils.Utils.murmur2(
                userId.getBytes(java.nio.charset.StandardCharsets.UTF_8))) % partitions;
    }

    /** Refuses a record value over {@link #MAX_RECORD_BYTES}: no writer of ours produces one, so it is poison. */
    public static void requireFits(byte[] value) {
        if (value != null && value.length > MAX_RECORD_BYTES) {
            throw new MalformedRecordException("record of " + value.length + " bytes is over the limit of "
                    + MAX_RECORD_BYTES);
        }
    }

    private static Map<String, String> retention(Duration retention) {
        return Map.of("cleanup.policy", "delete", "retention.ms", Long.toString(retention.toMillis()));
    }
}
