package io.twobrains.processor.kafka;

import io.twobrains.contract.RecordHeaders;
import io.twobrains.contract.Topics;
import io.twobrains.contract.event.EventEnvelope;
import io.twobrains.contract.json.EventCodec;
import io.twobrains.contract.json.MalformedRecordException;
import io.twobrains.processor.domain.Evolve;
import io.twobrains.processor.domain.Idempotency;
import io.twobrains.processor.domain.Replies;
import io.twobrains.processor.domain.Slice;
import io.twobrains.processor.store.ChatReader;
import io.twobrains.processor.store.ChatWriter;
import io.twobrains.processor.store.Tables;
import io.twobrains.processor.store.WritableTables;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuild mode: folds {@code chat.events} into the stores with {@link Evolve} alone - no decisions,
 * and no output but dead letters. It also restores what idempotent retries need, because replies
 * depend only on the log.
 *
 * <p>An event it cannot read (bad JSON, an unknown type or version, oversized), or that reads but
 * cannot be folded, goes to {@code chat.dlq} and the fold goes on, as in the usage projector: every
 * reader of the log dead-letters what it cannot take, so a rebuild never stops on one record. It
 * restores the outcomes of commands sent with an idempotency key (their events carry its fingerprint).
 */
final class EventFolder implements Processor<String, byte[], String, byte[]> {

    private static final Logger log = LoggerFactory.getLogger(EventFolder.class);

    private ProcessorContext<String, byte[]> context;
    private ChatReader reader;
    private ChatWriter writer;

    @Override
    public void init(ProcessorContext<String, byte[]> context) {
        this.context = context;
        WritableTables tables = new WritableTables(context.<KeyValueStore<Bytes, byte[]>>getStateStore(Tables.STORE));
        this.reader = new ChatReader(tables);
        this.writer = new ChatWriter(tables);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        EventEnvelope event;
        try {
            Topics.requireFits(record.value());
            event = EventCodec.fromBytes(record.value());
        } catch (MalformedRecordException e) {
            deadLetter(record, "unreadable event", e);
            return;
        }
        ChatReader.Loaded loaded = reader.load(event.userId(), event.payload());
        long seq = loaded.slice().user().seq();
        if (event.seq() <= seq) {
            return;
        }
        if (event.seq() != seq + 1) {
            log.warn("user {} jumps from seq {} to {}", event.userId(), seq, event.seq());
        }
        Slice after;
        try {
            after = Evolve.evolve(loaded.slice(), event);
        } catch (RuntimeException e) {
            // An event that reads but cannot be folded (a bug, or a history no decision would make) must not
            // stop the rebuild of every other user of the partition.
            deadLetter(record, "event could not be folded", e);
            return;
        }
        writer.save(event.userId(), loaded, after);
        String fingerprint = fingerprint(record);
        if (fingerprint != null) {
            writer.remember(event.userId(), event.commandId(),
                    new Idempotency.Outcome(fingerprint, Replies.after(event, after)), event.occurredAt());
        }
    }

    private void deadLetter(Record<String, byte[]> record, String reason, RuntimeException error) {
        var source = context.recordMetadata().orElse(null);
        log.warn("dead-lettering an event at {} ({}): {}", source == null ? "?"
                : source.topic() + "-" + source.partition() + "@" + source.offset(), reason, error.toString());
        context.forward(DeadLetters.of(record, source, reason, error, context.currentSystemTimeMs()),
                ChatTopology.DLQ_SINK);
    }

    private static String fingerprint(Record<String, byte[]> record) {
        Header header = record.headers().lastHeader(RecordHeaders.FINGERPRINT);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
