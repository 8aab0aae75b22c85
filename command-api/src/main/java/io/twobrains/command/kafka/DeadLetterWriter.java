package io.twobrains.command.kafka;

import io.twobrains.contract.DeadLetter;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The command API's one way to refuse a record it reads ({@code chat.deltas}, {@code chat.control}):
 * its copy goes to {@code chat.dlq}, through the node's producer, and the reader goes on. These readers keep
 * no offsets, so the send does not hold them up; a dead letter that cannot be written is logged.
 * Every instance reads those topics whole, so each of them dead-letters a poison record it meets
 * (see {@link DeadLetter} on telling the copies apart).
 */
@Component
public class DeadLetterWriter {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterWriter.class);

    private final Producer<String, byte[]> producer;

    DeadLetterWriter(Producer<String, byte[]> nodeProducer) {
        this.producer = nodeProducer;
    }

    /** Sends the record's dead letter; never throws, so a reader's loop is never stopped by its poison. */
    public void refuse(ConsumerRecord<String, byte[]> record, String reason, RuntimeException error) {
        // The record's content stays out of the log (it may be anything); it is in chat.dlq.
        log.warn("dead-lettering the record at {}-{}@{}: {} ({})", record.topic(), record.partition(), record.offset(),
                reason, error.getClass().getSimpleName());
        try {
            producer.send(DeadLetter.of(record, reason, error), (metadata, failure) -> {
                if (failure != null) {
                    log.error("the dead letter of {}-{}@{} was not written: {}", record.topic(), record.partition(),
                            record.offset(), failure.toString());
                }
            });
        } catch (RuntimeException e) {
            log.error("the dead letter of {}-{}@{} was not written: {}", record.topic(), record.partition(),
                    record.offset(), e.toString());
        }
    }
}
