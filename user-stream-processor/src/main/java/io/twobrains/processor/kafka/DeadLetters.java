package io.twobrains.processor.kafka;

import io.twobrains.contract.DeadLetter;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/** Builds the {@code chat.dlq} copy of a record that could not be processed, with why and where from. */
final class DeadLetters {

    /** Dead letters keep at most this much of the original value, so an oversized record still fits. */
    static final int MAX_VALUE_BYTES = DeadLetter.MAX_VALUE_BYTES;

    private DeadLetters() {
    }

    /**
     * The dead letter is stamped with the time it was refused, not the original's: {@code chat.dlq}
     * keeps it for its retention from then, even when a rebuild refuses an old event again.
     */
    static Record<String, byte[]> of(Record<String, byte[]> original, RecordMetadata source, String reason,
            Throwable error, long now) {
        if (source != null) {
            DeadLetter.mark(original.headers(), reason, error, source.topic(), source.partition(), source.offset());
        } else {
            DeadLetter.mark(original.headers(), reason, error, null, -1, -1);
        }
        return new Record<>(original.key(), DeadLetter.cut(original.value()), now, original.headers());
    }
}
