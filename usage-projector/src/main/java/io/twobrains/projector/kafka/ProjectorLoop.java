package io.twobrains.projector.kafka;

import io.twobrains.contract.Topics;
import io.twobrains.projector.ProjectorProperties;
import io.twobrains.projector.db.Offsets;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The live projector: follows chat.events and folds each poll into Postgres. The consumer group only
 * spreads partitions over instances; positions come from Postgres when partitions are assigned, and
 * after a failed batch the loop rewinds to them, so nothing is skipped and nothing is counted twice.
 * A record that is not an event cannot fail a batch: {@link BatchFolder} dead-letters it and moves on.
 */
public class ProjectorLoop implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ProjectorLoop.class);

    private final KafkaConsumer<String, byte[]> consumer;
    private final BatchFolder folder;
    private final Offsets offsets;
    private final ProjectorProperties properties;
    private final AtomicLong applied = new AtomicLong();
    private volatile Thread thread;
    private volatile boolean healthy = true;

    public ProjectorLoop(KafkaConsumer<String, byte[]> consumer, BatchFolder folder, Offsets offsets,
            ProjectorProperties properties) {
        this.consumer = consumer;
        this.folder = folder;
        this.offsets = offsets;
        this.properties = properties;
    }

    @Override
    public void start() {
        thread = new Thread(this::run, "usage-projector");
        thread.start();
    }

    private void run() {
        try {
            consumer.subscribe(List.of(Topics.EVENTS), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    seekToStored(partitions);
                }

                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    // Nothing to commit: every batch committed its offsets with its rows.
                }
            });
            while (thread != null) {
                ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(500));
                if (records.isEmpty()) {
                    continue;
                }
                try {
                    applied.addAndGet(folder.fold(records));
                    healthy = true;
                } catch (RuntimeException e) {
                    healthy = false;
                    log.error("a batch of {} events failed; rewinding to the stored offsets", records.count(), e);
                    seekToStored(consumer.assignment());
                    sleep(properties.retryBackoff());
                }
            }
        } catch (WakeupException e) {
            // stopping
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void seekToStored(Collection<TopicPartition> partitions) {
        Map<TopicPartition, Long> stored = offsets.of(partitions);
        for (TopicPartition partition : partitions) {
            Long offset = stored.get(partition);
            if (offset == null) {
                consumer.seekToBeginning(List.of(partition));
            } else {
                consumer.seek(partition, offset);
            }
        }
    }

    public long applied() {
        return applied.get();
    }

    public boolean healthy() {
        return healthy && thread != null && thread.isAlive();
    }

    @Override
    public void stop() {
        Thread running = thread;
        thread = null;
        consumer.wakeup();
        if (running != null) {
            try {
                running.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return thread != null;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
