package io.twobrains.command.chat;

import io.twobrains.contract.Topics;
import io.twobrains.contract.json.ChatJson;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes every chunk of a running generation to {@code chat.deltas} (keyed by user, so a user's
 * chunks stay in order): the live feed for analytics and for followers on other instances
 * ({@link DeltaFollower}). It never slows a reply: what is saved is the final message, through the
 * processor.
 */
@Component
class DeltaLog implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DeltaLog.class);

    private final Producer<String, byte[]> producer;

    DeltaLog(KafkaProperties kafka) {
        Map<String, Object> config = new HashMap<>(kafka.buildProducerProperties());
        // Idempotent, so a retried send neither doubles nor reorders a chunk: followers elsewhere rely on the order.
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 500);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        this.producer = new KafkaProducer<>(config);
    }

    void append(String userId, String conversationId, String generationId, long index, ObjectNode chunk) {
        ObjectNode record = ChatJson.MAPPER.createObjectNode()
                .put("generationId", generationId).put("conversationId", conversationId).put("index", index);
        record.set("chunk", chunk);
        try {
            producer.send(new ProducerRecord<>(Topics.DELTAS, userId, ChatJson.MAPPER.writeValueAsBytes(record)),
                    (metadata, error) -> {
                        if (error != null) {
                            LOG.debug("a delta of generation {} was not written: {}", generationId, error.toString());
                        }
                    });
        } catch (RuntimeException e) {
            LOG.debug("a delta of generation {} was not written: {}", generationId, e.toString());
        }
    }

    @Override
    public void close() {
        producer.close(java.time.Duration.ofSeconds(2));
    }
}
