package io.twobrains.command.kafka;

import io.twobrains.contract.DeadLetter;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.stereotype.Component;

/**
 * The command API's one way to refuse a record it reads ({@code chat.replies}, {@code chat.deltas},
 * {@code chat.control}): its copy goes to {@code chat.dlq}, and the reader goes on. These readers keep
 * no offsets, so the send does not hold them up; a dead letter that cannot be written is logged.
 * Every instance reads those topics whole, so each of them dead-letters a poison record it meets
 * (see {@link DeadLetter} on telling the copies apart).
 */
@Component
public class DeadLetterWriter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterWriter.class);

    private final Producer<String, byte[]> producer;

    DeadLetterWriter(KafkaProperties kafka) {
        Map<String, Object> config = new HashMap<>(kafka.buildProducerProperties());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        this.producer = new KafkaProducer<>(config);
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

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
