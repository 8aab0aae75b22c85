package io.twobrains.messaging;

import io.twobrains.contract.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/**
 * Outcomes of commands this node sent for users it does not hold: a reply generated here that
 * outlived its user's move to another node is saved there, and that node's in-process reply does not
 * come here. They are read from committed events on the user's partition instead, from just before
 * the command was sent. A reader per partition runs only while such commands wait; in a steady
 * cluster there are none.
 */
public final class RemoteOutcomes implements AutoCloseable {

    /** Clocks of two nodes may differ; an event is never written before its command was sent, by much. */
    private static final Duration SLACK = Duration.ofSeconds(30);

    private final KafkaClients clients;
    private final PendingReplies pending;
    private final Map<Integer, Watch> watches = new HashMap<>();
    private volatile int partitions;

    /** A reader of one partition and the commands it looks for. */
    private static final class Watch {
        final Instant from;
        final Set<UUID> commands = ConcurrentHashMap.newKeySet();
        TopicTail tail;

        Watch(Instant from) {
            this.from = from;
        }
    }

    public RemoteOutcomes(KafkaClients clients, PendingReplies pending) {
        this.clients = clients;
        this.pending = pending;
    }

    /** Completes the command's waiters from its committed last event, read from the user's partition. */
    public synchronized void watch(UUID commandId, String userId, Instant sentAt) {
        int partition = partitionOf(userId);
        Instant from = sentAt.minus(SLACK);
        Watch watch = watches.get(partition);
        if (watch == null || watch.from.isAfter(from)) {
            Watch earlier = new Watch(from);
            if (watch != null) {
                earlier.commands.addAll(watch.commands);
                watch.tail.close();
            }
            earlier.tail = TopicTail.start(clients, Topics.EVENTS, Set.of(partition), new TopicTail.Start.Since(from),
                    true, record -> seen(partition, record), "remote-outcomes-" + partition);
            watches.put(partition, earlier);
            watch = earlier;
        }
        watch.commands.add(commandId);
    }

    private void seen(int partition, ConsumerRecord<String, byte[]> record) {
        EventReplies.of(record).ifPresent(reply -> {
            synchronized (this) {
                Watch watch = watches.get(partition);
                if (watch == null || !watch.commands.remove(reply.commandId())) {
                    return;
                }
                if (watch.commands.isEmpty()) {
                    watches.remove(partition);
                    watch.tail.close();
                }
            }
            pending.complete(reply);
        });
    }

    /** The partition of a user, as the default partitioner places a record keyed by the user id. */
    private int partitionOf(String userId) {
        if (partitions == 0) {
            try (KafkaConsumer<String, byte[]> consumer = clients.readerConsumer(true)) {
                partitions = consumer.partitionsFor(Topics.EVENTS).size();
            }
        }
        return Topics.partitionOf(userId, partitions);
    }

    /** Stops watching commands that no longer wait (answered, or given up). */
    public synchronized void forget(UUID commandId) {
        watches.entrySet().removeIf(entry -> {
            entry.getValue().commands.remove(commandId);
            if (entry.getValue().commands.isEmpty()) {
                entry.getValue().tail.close();
                return true;
            }
            return false;
        });
    }

    @Override
    public synchronized void close() {
        watches.values().forEach(watch -> watch.tail.close());
        watches.clear();
    }
}
