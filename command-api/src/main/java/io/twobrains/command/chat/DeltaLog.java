package io.twobrains.command.chat;

import io.twobrains.contract.Topics;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Writes the chunks of this node's running generations to {@code chat.deltas}: the live feed for
 * analytics, and for a follower on another node (a reply that outlived its user's move, see
 * {@link DeltaFollower}). Chunks wait up to the flush interval, then one record per partition carries
 * all of them ({@link DeltaRecord}), on the partition of their users, in the order they came. It never
 * slows a generation: what is saved is the final message, through the processor.
 */
@Component
class DeltaLog implements DeltaSink, SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(DeltaLog.class);

    private final Producer<String, byte[]> producer;
    private final DeltaProperties properties;
    private final Map<Integer, ByteArrayOutputStream> waiting = new HashMap<>();
    private ScheduledExecutorService flusher;
    private int partitions;

    DeltaLog(Producer<String, byte[]> nodeProducer, DeltaProperties properties) {
        this.producer = nodeProducer;
        this.properties = properties;
    }

    /** Appends one chunk, sealed by the run for its user. */
    @Override
    public void append(String userId, String conversationId, String generationId, long index, String sealedChunk) {
        byte[] entry = DeltaRecord.entry(userId, conversationId, generationId, index, sealedChunk);
        int partition = partitionOf(userId);
        synchronized (waiting) {
            ByteArrayOutputStream batch = waiting.computeIfAbsent(partition, p -> DeltaRecord.openBatch());
            DeltaRecord.addToBatch(batch, entry);
        }
    }

    private int partitionOf(String userId) {
        if (partitions == 0) {
            partitions = producer.partitionsFor(Topics.DELTAS).size();
        }
        return Topics.partitionOf(userId, partitions);
    }

    /** Sends what waits, one record per partition; a batch that cannot be sent is logged and dropped. */
    void flush() {
        Map<Integer, ByteArrayOutputStream> batches;
        synchronized (waiting) {
            if (waiting.isEmpty()) {
                return;
            }
            batches = new HashMap<>(waiting);
            waiting.clear();
        }
        batches.forEach((partition, batch) -> {
            try {
                producer.send(new ProducerRecord<>(Topics.DELTAS, partition, null, DeltaRecord.closeBatch(batch)),
                        (metadata, error) -> {
                            if (error != null) {
                                LOG.debug("deltas of partition {} were not written: {}", partition, error.toString());
                            }
                        });
            } catch (RuntimeException e) {
                LOG.debug("deltas of partition {} were not written: {}", partition, e.toString());
            }
        });
    }

    @Override
    public void start() {
        flusher = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "chat-deltas");
            thread.setDaemon(true);
            return thread;
        });
        long every = properties.flushInterval().toMillis();
        flusher.scheduleWithFixedDelay(this::flush, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        flusher.shutdown();
        try {
            flusher.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        flush();
    }

    @Override
    public boolean isRunning() {
        return flusher != null && !flusher.isShutdown();
    }
}
