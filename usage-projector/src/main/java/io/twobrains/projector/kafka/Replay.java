package io.twobrains.projector.kafka;

import io.twobrains.contract.Topics;
import io.twobrains.projector.db.Projection;
import java.io.PrintStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code --replay}: empties every table and folds chat.events again from offset 0, with a progress
 * bar. The live projector must be stopped; it resumes from the offsets the replay leaves behind.
 */
public final class Replay {

    private final Map<String, Object> consumerConfig;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final BatchFolder folder;
    private final PrintStream out;

    public Replay(Map<String, Object> consumerConfig, JdbcTemplate jdbc, TransactionTemplate transactions,
            BatchFolder folder, PrintStream out) {
        this.consumerConfig = new HashMap<>(consumerConfig);
        this.consumerConfig.remove(ConsumerConfig.GROUP_ID_CONFIG);
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.folder = folder;
        this.out = out;
    }

    /** Returns the number of events folded. */
    public long run() {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerConfig)) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.EVENTS).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long total = end.values().stream().mapToLong(Long::longValue).sum();
            out.printf("replay: %,d records on %s; emptying %s%n", total, Topics.EVENTS, Projection.TABLES);
            transactions.executeWithoutResult(status ->
                    jdbc.execute("truncate " + String.join(", ", Projection.TABLES)));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long applied = 0;
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                applied += folder.fold(consumer.poll(Duration.ofMillis(500)));
                long done = partitions.stream().mapToLong(p -> Math.min(consumer.position(p), end.get(p))).sum();
                progress(done, total);
            }
            progress(total, total);
            out.printf("%nreplay: %,d events folded%n", applied);
            return applied;
        }
    }

    private void progress(long done, long total) {
        int width = 40;
        int filled = total == 0 ? width : (int) (width * done / total);
        out.printf("\rreplay: [%s%s] %3d%% %,d/%,d", "#".repeat(filled), ".".repeat(width - filled),
                total == 0 ? 100 : 100 * done / total, done, total);
        out.flush();
    }
}
