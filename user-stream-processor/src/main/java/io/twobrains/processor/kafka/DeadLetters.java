package io.twobrains.processor.kafka;

import io.twobrains.contract.RecordHeaders;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.processor.api.Record;

/** Builds the {@code chat.dlq} copy of a record that could not be processed, with why and where from. */
final class DeadLetters {

    /** Dead letters keep at most this much of the original value, so an oversized record still fits. */
    static final int MAX_VALUE_BYTES = 512 * 1024;

    private DeadLetters() {
    }

    static Record<String, byte[]> of(Record<String, byte[]> original, RecordMetadata source, String reason, Throwable error) {
        Headers headers = original.headers();
        add(headers, RecordHeaders.DLQ_REASON, reason);
        if (error != null) {
            add(headers, RecordHeaders.DLQ_EXCEPTION, error.getClass().getName() + ": " + error.getMessage());
        }
        if (source != null) {
            add(headers, RecordHeaders.DLQ_TOPIC, source.topic());
            add(headers, RecordHeaders.DLQ_PARTITION, Integer.toString(source.partition()));
            add(headers, RecordHeaders.DLQ_OFFSET, Long.toString(source.offset()));
        }
        byte[] value = original.value();
        if (value != null && value.length > MAX_VALUE_BYTES) {
            value = Arrays.copyOf(value, MAX_VALUE_BYTES);
        }
        return new Record<>(original.key(), value, original.timestamp(), headers);
    }

    private static void add(Headers headers, String name, String value) {
        headers.remove(name);
        headers.add(new RecordHeader(name, value == null ? new byte[0] : value.getBytes(StandardCharsets.UTF_8)));
    }
}
