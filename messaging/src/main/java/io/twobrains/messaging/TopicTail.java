package io.twobrains.messaging;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads partitions of a topic on a thread of its own, from a starting point, and hands every record
 * to a handler: the one consumer loop of twobrains' readers that keep no offsets (stop signals, the
 * deltas of a reply followed from another node, committed events awaited by a client outside a
 * node). A handler that throws is logged and the reading goes on: what a handler cannot read it
 * dead-letters itself.
 */
public final class TopicTail implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TopicTail.class);
    private static final Duration POLL = Duration.ofMillis(200);

    /** Where reading starts. */
    public sealed interface Start {
        /** Only records written from now on. */
        record AtEnd() implements Start {
        }

        /** Records written at or after {@code time} (by their timestamps), then on. */
        record Since(Instant time) implements Start {
        }
    }

    private final String topic;
    private final KafkaConsumer<String, byte[]> consumer;
    private final Set<Integer> partitions;
    private final Start start;
    private final Consumer<ConsumerRecord<String, byte[]>> handler;
    private final CountDownLatch positioned = new CountDownLatch(1);
    private final Thread thread;
    private volatile boolean running = true;

    private TopicTail(String topic, KafkaConsumer<String, byte[]> consumer, Set<Integer> partitions, Start start,
            Consumer<ConsumerRecord<String, byte[]>> handler, String threadName) {
        this.topic = topic;
        this.consumer = consumer;
        this.partitions = partitions;
        this.start = start;
        this.handler = handler;
        this.thread = new Thread(this::run, threadName);
        this.thread.setDaemon(true);
    }

    /**
     * Starts reading {@code partitions} of {@code topic} (all of them when null) on a daemon thread.
     *
     * @param committedOnly read only what committed transactions wrote
     */
    public static TopicTail start(KafkaClients clients, String topic, Set<Integer> partitions, Start start,
            boolean committedOnly, Consumer<ConsumerRecord<String, byte[]>> handler, String threadName) {
        TopicTail tail = new TopicTail(topic, clients.readerConsumer(committedOnly),
                partitions == null ? null : Set.copyOf(partitions), start, handler, threadName);
        tail.thread.start();
        return tail;
    }

    /** Waits until the reader stands at its starting point, so that nothing written after that is missed. */
    public boolean awaitPositioned(Duration patience) throws InterruptedException {
        return positioned.await(patience.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void run() {
        try (consumer) {
            List<TopicPartition> assigned = awaitPartitions();
            if (assigned.isEmpty()) {
                return;
            }
            consumer.assign(assigned);
            position(assigned);
            positioned.countDown();
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    try {
                        handler.accept(record);
                    } catch (RuntimeException e) {
                        LOG.warn("a record of {}-{}@{} could not be handled: {}", record.topic(), record.partition(),
                                record.offset(), e.toString());
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            LOG.error("reading {} stopped", topic, e);
        } finally {
            positioned.countDown();
        }
    }

    private List<TopicPartition> awaitPartitions() {
        while (running) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
            if (infos != null && !infos.isEmpty()) {
                return infos.stream().filter(p -> partitions == null || partitions.contains(p.partition()))
                        .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            }
            LOG.info("waiting for topic {}", topic);
        }
        return List.of();
    }

    private void position(List<TopicPartition> assigned) {
        if (start instanceof Start.Since since) {
            Map<TopicPartition, Long> times = assigned.stream()
                    .collect(Collectors.toMap(p -> p, p -> since.time().toEpochMilli()));
            Map<TopicPartition, OffsetAndTimestamp> offsets = consumer.offsetsForTimes(times);
            for (TopicPartition partition : assigned) {
                OffsetAndTimestamp offset = offsets.get(partition);
                if (offset == null) {
                    consumer.seekToEnd(List.of(partition));
                } else {
                    consumer.seek(partition, offset.offset());
                }
            }
        } else {
            consumer.seekToEnd(assigned);
        }
        // Resolve the positions now, so that "positioned" means records from here on are read.
        assigned.forEach(consumer::position);
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        if (Thread.currentThread() != thread) {
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
