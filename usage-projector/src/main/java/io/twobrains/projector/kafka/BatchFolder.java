package io.twobrains.projector.kafka;

import io.twobrains.contract.DeadLetter;
import io.twobrains.contract.event.EventEnvelope;
import io.twobrains.projector.db.Offsets;
import io.twobrains.projector.db.Projection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Folds one polled batch in one database transaction: every row change, and the next offset of each
 * partition. Either all of it commits or none of it does, so a crash at any point leaves the tables
 * equal to the fold of exactly the events before the stored offsets. Each user's last applied seq is
 * checked as well, so an event can never be counted twice.
 *
 * <p>A record that is not an event goes to {@code chat.dlq} and the fold goes on past it. So does an
 * event that is read but cannot be folded (the database refuses its values, or the fold throws on
 * it): when a batch fails that way, it is folded again, each event under a savepoint, and the events
 * that fail alone are dead-lettered while the rest commit. A failure of the database itself (a lost
 * connection, a timeout) is no such event: the batch fails and is retried as it is. A dead letter is
 * written, and acknowledged, before the transaction commits the offset past it, so none is lost; but
 * it is not part of the transaction, so dead-lettering is at-least-once: a crash (or a failed
 * transaction) between the two dead-letters the record again when the batch is retried.
 */
public class BatchFolder {

    static final String UNFOLDABLE = "unfoldable event";

    private static final Logger log = LoggerFactory.getLogger(BatchFolder.class);

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
        try {
            return transactions.execute(status -> fold(batch, status, false));
        } catch (RuntimeException e) {
            if (!isUnfoldable(e)) {
                throw e;
            }
            log.warn("a batch of {} events did not fold ({}); folding it again one event at a time",
                    batch.reads().size(), e.getClass().getSimpleName());
            return transactions.execute(status -> fold(batch, status, true));
        }
    }

    private int fold(ReadBatch batch, TransactionStatus status, boolean eachUnderASavepoint) {
        Map<String, Long> lastSeq = new HashMap<>();
        List<ProducerRecord<String, byte[]>> unfoldable = new ArrayList<>();
        int applied = 0;
        for (ReadBatch.Read read : batch.reads()) {
            EventEnvelope event = read.event();
            long last = lastSeq.computeIfAbsent(event.userId(), projection::lastSeq);
            if (event.seq() <= last) {
                continue;
            }
            if (eachUnderASavepoint) {
                if (!applyAlone(read.record(), event, status, unfoldable)) {
                    // Later events of the user still fold; this one is in the DLQ.
                    lastSeq.put(event.userId(), event.seq());
                    continue;
                }
            } else {
                projection.apply(event);
            }
            lastSeq.put(event.userId(), event.seq());
            applied++;
        }
        deadLetters.sendAll(unfoldable);
        batch.next().forEach(offsets::save);
        return applied;
    }

    /** Applies one event under a savepoint; an event that cannot be folded is rolled back and becomes a dead letter. */
    private boolean applyAlone(ConsumerRecord<String, byte[]> record, EventEnvelope event, TransactionStatus status,
            List<ProducerRecord<String, byte[]>> unfoldable) {
        Object savepoint = status.createSavepoint();
        try {
            projection.apply(event);
            status.releaseSavepoint(savepoint);
            return true;
        } catch (RuntimeException e) {
            if (!isUnfoldable(e)) {
                throw e;
            }
            status.rollbackToSavepoint(savepoint);
            unfoldable.add(DeadLetter.of(record, UNFOLDABLE, e));
            return false;
        }
    }

    /**
     * True for a failure that the event itself causes: the database refuses its values, or the fold
     * throws on it. Any other failure of the database or of its transactions may pass, so it is not.
     */
    static boolean isUnfoldable(RuntimeException e) {
        if (e instanceof DataIntegrityViolationException) {
            return true;
        }
        return !(e instanceof DataAccessException) && !(e instanceof TransactionException);
    }
}
