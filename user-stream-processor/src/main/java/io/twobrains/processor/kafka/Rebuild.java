package io.twobrains.processor.kafka;

import io.twobrains.contract.TopicEnds;
import io.twobrains.contract.Topics;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Replay-based recovery: wipes the processor's state (local stores and changelog topics) and folds
 * {@code chat.events} from offset 0 into fresh stores with {@code evolve} alone. The live processor
 * must be stopped while it runs; its offsets on {@code chat.commands} are kept, so it resumes where
 * it stopped, with state rebuilt from the log.
 */
public final class Rebuild {

    private final Properties props;
    private final PrintStream out;

    public Rebuild(Properties props, PrintStream out) {
        this.props = props;
        this.out = out;
    }

    /** Returns the number of events folded. */
    public long run(Duration timeout) throws InterruptedException, ExecutionException {
        String applicationId = props.getProperty(StreamsConfig.APPLICATION_ID_CONFIG);
        try (Admin admin = Admin.create(StreamsSettings.admin(props))) {
            Map<TopicPartition, Long> end = TopicEnds.of(admin, Topics.EVENTS);
            long total = end.values().stream().mapToLong(Long::longValue).sum();
            out.printf("rebuild: %d records on %s, wiping the state of %s%n", total, Topics.EVENTS, applicationId);
            KafkaStreams streams = new KafkaStreams(ChatTopology.rebuild(), props);
            streams.cleanUp();
            deleteChangelogs(admin, applicationId);
            forgetEventOffsets(admin, applicationId, end.keySet());
            streams.start();
            try {
                awaitFolded(admin, applicationId, end, total, timeout, streams);
            } finally {
                streams.close(Duration.ofSeconds(60));
            }
            return total;
        }
    }

    private void deleteChangelogs(Admin admin, String applicationId) throws InterruptedException, ExecutionException {
        Set<String> changelogs = changelogs(admin, applicationId);
        if (changelogs.isEmpty()) {
            return;
        }
        admin.deleteTopics(changelogs).all().get();
        while (!changelogs(admin, applicationId).isEmpty()) {
            Thread.sleep(100);
        }
        out.printf("rebuild: deleted %d changelog topics%n", changelogs.size());
    }

    private static Set<String> changelogs(Admin admin, String applicationId) throws InterruptedException, ExecutionException {
        return admin.listTopics().names().get().stream()
                .filter(name -> name.startsWith(applicationId + "-") && name.endsWith("-changelog"))
                .collect(Collectors.toSet());
    }

    private static void forgetEventOffsets(Admin admin, String applicationId, Set<TopicPartition> partitions)
            throws InterruptedException {
        try {
            admin.deleteConsumerGroupOffsets(applicationId, partitions).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof GroupIdNotFoundException)) {
                // Offsets that were never committed need no forgetting; anything else is a real failure.
                if (!e.getCause().getClass().getSimpleName().equals("UnknownTopicOrPartitionException")) {
                    throw new IllegalStateException("could not reset the rebuild's offsets", e.getCause());
                }
            }
        }
    }

    /**
     * Done when every partition's committed offset reaches its end. The log ends with a transaction
     * marker that is never "consumed", so one short of the end counts once progress has stopped.
     */
    private void awaitFolded(Admin admin, String applicationId, Map<TopicPartition, Long> end, long total,
            Duration timeout, KafkaStreams streams) throws InterruptedException, ExecutionException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long lastDone = -1;
        long stalledSince = System.nanoTime();
        while (true) {
            if (streams.state() == KafkaStreams.State.ERROR || streams.state() == KafkaStreams.State.NOT_RUNNING) {
                throw new IllegalStateException("rebuild stopped: " + streams.state());
            }
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(applicationId)
                    .partitionsToOffsetAndMetadata().get();
            long done = 0;
            boolean complete = true;
            boolean nearlyComplete = true;
            for (Map.Entry<TopicPartition, Long> partition : end.entrySet()) {
                OffsetAndMetadata offset = committed.get(partition.getKey());
                long position = offset == null ? 0 : offset.offset();
                done += Math.min(position, partition.getValue());
                complete &= position >= partition.getValue();
                nearlyComplete &= position >= partition.getValue() - 1;
            }
            progress(done, total);
            if (done != lastDone) {
                lastDone = done;
                stalledSince = System.nanoTime();
            }
            boolean stalled = System.nanoTime() - stalledSince > Duration.ofSeconds(3).toNanos();
            if (complete || (nearlyComplete && stalled)) {
                progress(total, total);
                out.println();
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("rebuild did not finish within " + timeout);
            }
            Thread.sleep(200);
        }
    }

    private void progress(long done, long total) {
        int width = 40;
        int filled = total == 0 ? width : (int) (width * done / total);
        out.printf("\rrebuild: [%s%s] %3d%% %,d/%,d", "#".repeat(filled), ".".repeat(width - filled),
                total == 0 ? 100 : 100 * done / total, done, total);
        out.flush();
    }
}
