package io.twobrains.contract;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/** Where a topic ends now: what a replay or a catch-up has to reach. */
public final class TopicEnds {

    private TopicEnds() {
    }

    /** The end offset (high watermark) of every partition of the topic. */
    public static Map<TopicPartition, Long> of(Admin admin, String topic) throws InterruptedException, ExecutionException {
        return of(admin, topic, IsolationLevel.READ_UNCOMMITTED);
    }

    /**
     * The end of every partition as a reader of {@code isolation} sees it: the high watermark, or
     * for {@code READ_COMMITTED} the last stable offset, below which no transaction is still open.
     */
    public static Map<TopicPartition, Long> of(Admin admin, String topic, IsolationLevel isolation)
            throws InterruptedException, ExecutionException {
        int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (int p = 0; p < partitions; p++) {
            request.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        return admin.listOffsets(request, new ListOffsetsOptions(isolation)).all().get().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    /**
     * Waits until every transaction that was open on the topic when called has been decided, and
     * returns the high watermark of that moment: everything below it is then committed or aborted
     * for good. A transaction left open by a writer that died is decided only by its transaction
     * timeout, so {@code patience} should be longer than the writers' {@code transaction.timeout.ms}.
     */
    public static Map<TopicPartition, Long> settled(Admin admin, String topic, Duration patience)
            throws InterruptedException, ExecutionException {
        Map<TopicPartition, Long> written = of(admin, topic, IsolationLevel.READ_UNCOMMITTED);
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            Map<TopicPartition, Long> stable = of(admin, topic, IsolationLevel.READ_COMMITTED);
            if (written.entrySet().stream().allMatch(e -> stable.get(e.getKey()) >= e.getValue())) {
                return written;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("a transaction on " + topic + " is still open after " + patience
                        + " (last stable offsets " + stable + ", written up to " + written + ")");
            }
            Thread.sleep(100);
        }
    }

    /** The number of offsets in the whole topic, its partitions' ends summed. */
    public static long total(Admin admin, String topic) throws InterruptedException, ExecutionException {
        return of(admin, topic).values().stream().mapToLong(Long::longValue).sum();
    }
}
