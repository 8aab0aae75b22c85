package io.twobrains.processor.kafka;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.processor.StateRestoreListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How far the stores are in restoring from their changelogs: after a crash or a lost state
 * directory, the processor answers nothing for a user until that user's partition is restored, so
 * operators (and the recovery bench) want to see the progress, not just "REBALANCING".
 */
public final class RestoreProgress implements StateRestoreListener {

    private static final Logger log = LoggerFactory.getLogger(RestoreProgress.class);

    /** Records to restore and restored so far, per changelog partition of the current restoration. */
    private record Partition(long total, long restored) {
    }

    /** What is restored so far of the records that had to be restored. */
    public record Snapshot(long restored, long total) {

        public boolean active() {
            return total > restored;
        }
    }

    private final Map<TopicPartition, Partition> partitions = new ConcurrentHashMap<>();

    @Override
    public void onRestoreStart(TopicPartition partition, String store, long startingOffset, long endingOffset) {
        partitions.put(partition, new Partition(Math.max(0, endingOffset - startingOffset), 0));
        log.info("restoring {} from {}: {} records", store, partition, endingOffset - startingOffset);
    }

    @Override
    public void onBatchRestored(TopicPartition partition, String store, long batchEndOffset, long numRestored) {
        partitions.computeIfPresent(partition, (key, p) -> new Partition(p.total(), p.restored() + numRestored));
    }

    @Override
    public void onRestoreEnd(TopicPartition partition, String store, long totalRestored) {
        partitions.computeIfPresent(partition, (key, p) -> new Partition(Math.max(p.total(), totalRestored), totalRestored));
        log.info("restored {} from {}: {} records", store, partition, totalRestored);
    }

    @Override
    public void onRestoreSuspended(TopicPartition partition, String store, long totalRestored) {
        // The partition moved to another instance: what it still had to restore is no longer ours.
        partitions.remove(partition);
    }

    public Snapshot snapshot() {
        long restored = 0;
        long total = 0;
        for (Partition p : partitions.values()) {
            restored += Math.min(p.restored(), p.total());
            total += p.total();
        }
        return new Snapshot(restored, total);
    }
}
