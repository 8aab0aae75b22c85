package io.twobrains.projector.kafka;

import io.twobrains.contract.event.EventEnvelope;
import io.twobrains.projector.db.Offsets;
import io.twobrains.projector.db.Projection;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Folds one polled batch in one database transaction: every row change, and the next offset of each
 * partition. Either all of it commits or none of it does, so a crash at any point leaves the tables
 * equal to the fold of exactly the events before the stored offsets. Each user's last applied seq is
 * checked as well, so an event can never be counted twice.
 *
 * <p>A record that is not an event goes to {@code chat.dlq} and the fold goes on past it. Its dead
 * letter is written, and acknowledged, before the transaction commits the offset past it, so none is
 * lost; but it is not part of the transaction, so dead-lettering is at-least-once: a crash (or a
 * failed transaction) between the two dead-letters the record again when the batch is retried.
 */
public class BatchFolder {

    private final TransactionTemplate transactions;
    private final Projection projection;
    private final Offsets offsets;
    private final DeadLetterSender deadLetters;

    public BatchFolder(TransactionTemplate transactions, Projection projection, Offsets offsets,
            DeadLetterSender deadLetters) {
        this.transactions = transactions;
        this.projection = projection;
        this.offsets = offsets;
        this.deadLetters = deadLetters;
    }

    /** Returns the number of events applied (skipped repeats and dead-lettered records are not counted). */
    public int fold(ConsumerRecords<String, byte[]> records) {
        ReadBatch batch = ReadBatch.of(records);
        deadLetters.sendAll(batch.deadLetters());
        return transactions.execute(status -> {
            Map<String, Long> lastSeq = new HashMap<>();
            int applied = 0;
            for (EventEnvelope event : batch.events()) {
                long last = lastSeq.computeIfAbsent(event.userId(), projection::lastSeq);
                if (event.seq() <= last) {
                    continue;
                }
                projection.apply(event);
                lastSeq.put(event.userId(), event.seq());
                applied++;
            }
            batch.next().forEach(offsets::save);
            return applied;
        });
    }
}
