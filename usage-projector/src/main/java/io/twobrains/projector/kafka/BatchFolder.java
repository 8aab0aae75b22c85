package io.twobrains.projector.kafka;

import io.twobrains.contract.event.EventEnvelope;
import io.twobrains.contract.json.EventCodec;
import io.twobrains.contract.json.MalformedRecordException;
import io.twobrains.projector.db.Offsets;
import io.twobrains.projector.db.Projection;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Folds one polled batch in one database transaction: every row change, and the next offset of each
 * partition. Either all of it commits or none of it does, so a crash at any point leaves the tables
 * equal to the fold of exactly the events before the stored offsets. Each user's last applied seq is
 * checked as well, so an event can never be counted twice.
 */
public class BatchFolder {

    private static final Logger log = LoggerFactory.getLogger(BatchFolder.class);

    private final TransactionTemplate transactions;
    private final Projection projection;
    private final Offsets offsets;

    public BatchFolder(TransactionTemplate transactions, Projection projection, Offsets offsets) {
        this.transactions = transactions;
        this.projection = projection;
        this.offsets = offsets;
    }

    /** Returns the number of events applied (skipped repeats and unreadable records are not counted). */
    public int fold(ConsumerRecords<String, byte[]> records) {
        return transactions.execute(status -> {
            Map<String, Long> lastSeq = new HashMap<>();
            Map<TopicPartition, Long> next = new HashMap<>();
            int applied = 0;
            for (ConsumerRecord<String, byte[]> record : records) {
                next.put(new TopicPartition(record.topic(), record.partition()), record.offset() + 1);
                EventEnvelope event;
                try {
                    event = EventCodec.fromBytes(record.value());
                } catch (MalformedRecordException e) {
                    log.warn("skipping an unreadable event at {}-{}@{}: {}", record.topic(), record.partition(),
                            record.offset(), e.getMessage());
                    continue;
                }
                long last = lastSeq.computeIfAbsent(event.userId(), projection::lastSeq);
                if (event.seq() <= last) {
                    continue;
                }
                projection.apply(event);
                lastSeq.put(event.userId(), event.seq());
                applied++;
            }
            next.forEach(offsets::save);
            return applied;
        });
    }
}
