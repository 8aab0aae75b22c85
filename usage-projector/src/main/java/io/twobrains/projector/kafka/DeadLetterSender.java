package io.twobrains.projector.kafka;

import io.twobrains.contract.RecordHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes dead letters to {@code chat.dlq} and waits until the broker has them, so that a batch only
 * commits its offsets past a poison record once its dead letter is safe.
 */
public class DeadLetterSender implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterSender.class);

    private final Producer<String, byte[]> producer;
    private final Duration timeout;

    public DeadLetterSender(Producer<String, byte[]> producer, Duration timeout) {
        this.producer = producer;
        this.timeout = timeout;
    }

    /** Sends every dead letter; throws if any of them is not acknowledged in time. */
    public void sendAll(List<ProducerRecord<String, byte[]>> deadLetters) {
        if (deadLetters.isEmpty()) {
            return;
        }
        List<Future<RecordMetadata>> sent = deadLetters.stream().map(producer::send).toList();
        try {
            for (Future<RecordMetadata> each : sent) {
                each.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("dead letters were not written to the DLQ", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing dead letters", e);
        }
        // The record's content stays out of the log; it is in chat.dlq, with the reason in its headers.
        deadLetters.forEach(letter -> log.warn("dead-lettered the record at {}-{}@{}",
                header(letter, RecordHeaders.DLQ_TOPIC), header(letter, RecordHeaders.DLQ_PARTITION),
                header(letter, RecordHeaders.DLQ_OFFSET)));
    }

    private static String header(ProducerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? "?" : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
