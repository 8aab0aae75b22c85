package io.twobrains.contract;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * The {@code chat.dlq} copy of a record that its reader refused: the original key and headers, the
 * value (cut to {@link #MAX_VALUE_BYTES}, so that an oversized record still fits), and the
 * {@link RecordHeaders#DLQ_REASON DLQ_*} headers saying why and where it came from.
 *
 * <p>Every reader dead-letters what it cannot read, and dead-lettering is at-least-once: a record
 * that several readers see (every command API reads all of {@code chat.control}; a replay reads
 * {@code chat.events} again) or that a reader sees again after a crash is dead-lettered more than
 * once. Readers of {@code chat.dlq} tell the copies of one record apart by its source topic,
 * partition and offset.
 */
public final class DeadLetter {

    /** Dead letters keep at most this much of the original value. */
    public static final int MAX_VALUE_BYTES = 512 * 1024;

    private DeadLetter() {
    }

    /** The dead letter of a record read by a plain consumer, stamped with the time it was refused. */
    public static ProducerRecord<String, byte[]> of(ConsumerRecord<String, byte[]> refused, String reason, Throwable error) {
        Headers headers = new org.apache.kafka.common.header.internals.RecordHeaders(refused.headers().toArray());
        mark(headers, reason, error, refused.topic(), refused.partition(), refused.offset());
        return new ProducerRecord<>(Topics.DLQ, null, refused.key(), cut(refused.value()), headers);
    }

    /** Adds why and where from to a refused record's headers, replacing any marks of an earlier refusal. */
    public static Headers mark(Headers headers, String reason, Throwable error, String topic, int partition, long offset) {
        put(headers, RecordHeaders.DLQ_REASON, reason);
        if (error != null) {
            put(headers, RecordHeaders.DLQ_EXCEPTION, error.getClass().getName() + ": " + error.getMessage());
        } else {
            headers.remove(RecordHeaders.DLQ_EXCEPTION);
        }
        put(headers, RecordHeaders.DLQ_TOPIC, topic);
        put(headers, RecordHeaders.DLQ_PARTITION, Integer.toString(partition));
        put(headers, RecordHeaders.DLQ_OFFSET, Long.toString(offset));
        return headers;
    }

    public static byte[] cut(byte[] value) {
        return value != null && value.length > MAX_VALUE_BYTES ? Arrays.copyOf(value, MAX_VALUE_BYTES) : value;
    }

    private static void put(Headers headers, String name, String value) {
        headers.remove(name);
        headers.add(new RecordHeader(name, value == null ? new byte[0] : value.getBytes(StandardCharsets.UTF_8)));
    }
}
