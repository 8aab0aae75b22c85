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

/**
 * Writes every chunk of a running generation to {@code chat.deltas} (keyed by user, so a user's
 * chunks stay in order): the live feed for analytics and for followers on other instances
 * ({@link DeltaFollower}). It never slows a generation: what is saved is the final message, through the
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

    /**
     * Appends one chunk, already serialised for the stream: it is embedded as it is, so a chunk is
     * written to JSON once however many places it goes.
     */
    void append(String userId, String conversationId, String generationId, long index, String chunkJson) {
        String head = ChatJson.MAPPER.writeValueAsString(ChatJson.MAPPER.createObjectNode()
                .put("generationId", generationId).put("conversationId", conversationId).put("index", index));
        byte[] record = (head.substring(0, head.length() - 1) + ",\"chunk\":" + chunkJson + "}")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        try {
            producer.send(new ProducerRecord<>(Topics.DELTAS, userId, record),
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
