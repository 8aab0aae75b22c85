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
 * <p>An event it cannot read (bad JSON, an unknown type or version, oversized) goes to
 * {@code chat.dlq} and the fold goes on, as in the usage projector: every reader of the log
 * dead-letters what it cannot read, so a rebuild never stops on one record.
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
            deadLetter(record, e);
            return;
        }
        Slice before = reader.slice(event.userId(), event.payload());
        if (event.seq() <= before.user().seq()) {
            return;
        }
        if (event.seq() != before.user().seq() + 1) {
            log.warn("user {} jumps from seq {} to {}", event.userId(), before.user().seq(), event.seq());
        }
        Slice after = Evolve.evolve(before, event);
        writer.save(event.userId(), before, after);
        writer.remember(event.userId(), event.commandId(),
                new Idempotency.Outcome(fingerprint(record), Replies.after(event, after)), event.occurredAt());
    }

    private void deadLetter(Record<String, byte[]> record, MalformedRecordException error) {
        var source = context.recordMetadata().orElse(null);
        log.warn("dead-lettering an unreadable event at {}: {}", source == null ? "?"
                : source.topic() + "-" + source.partition() + "@" + source.offset(), error.getClass().getSimpleName());
        context.forward(DeadLetters.of(record, source, "unreadable event", error, context.currentSystemTimeMs()),
                ChatTopology.DLQ_SINK);
    }

    private static String fingerprint(Record<String, byte[]> record) {
        Header header = record.headers().lastHeader(RecordHeaders.FINGERPRINT);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
