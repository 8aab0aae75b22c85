package io.twobrains.local;

import io.twobrains.contract.Topics;
import io.twobrains.contract.json.ChatJson;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes poison records - bad JSON, an unknown type, oversized - to a topic with a raw producer set up
 * as that topic's real writer is (transactional for the processor's topics, idempotent or plain for
 * the command API's), and says where each one landed.
 */
final class PoisonWriter implements AutoCloseable {

    enum Kind {
        BAD_JSON("Unrecognized token 'json'"), UNKNOWN_TYPE(PoisonWriter.UNKNOWN_TYPE), OVERSIZED("over the limit");

        /** What the dead letter's exception header says about this kind (for bad JSON: the parser's words). */
        final String described;

        Kind(String described) {
            this.described = described;
        }
    }

    /** The type of every unknown-type record: no topic has one of this name. */
    static final String UNKNOWN_TYPE = "launch-rocket";

    record Written(Kind kind, String topic, String key, int partition, long offset) {
    }

    private final KafkaProducer<String, byte[]> producer;
    private final boolean transactional;

    private PoisonWriter(String bootstrap, Map<String, Object> settings, boolean transactional) {
        Map<String, Object> config = new HashMap<>(settings);
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        this.producer = new KafkaProducer<>(config);
        this.transactional = transactional;
        if (transactional) {
            producer.initTransactions();
        }
    }

    /** As the processor writes chat.events and chat.replies: in transactions (readers read committed). */
    static PoisonWriter transactional(String bootstrap) {
        return new PoisonWriter(bootstrap, Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "poison-" + UUID.randomUUID()), true);
    }

    /** As the command API writes chat.commands and chat.deltas. */
    static PoisonWriter idempotent(String bootstrap) {
        return new PoisonWriter(bootstrap, Map.of(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true), false);
    }

    /** As the command API writes chat.control. */
    static PoisonWriter plain(String bootstrap) {
        return new PoisonWriter(bootstrap, Map.of(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false), false);
    }

    /**
     * Writes one poison record of each kind, keyed by {@code key}: {@code unknownType} is a record of
     * the topic's shape with a type nobody knows, and the oversized one is it again, padded beyond
     * {@link Topics#MAX_RECORD_BYTES} (and still under the broker's limit).
     */
    List<Written> writeEachKind(String topic, String key, ObjectNode unknownType) {
        Map<Kind, byte[]> values = Map.of(
                Kind.BAD_JSON, "{\"not\": json".getBytes(StandardCharsets.UTF_8),
                Kind.UNKNOWN_TYPE, ChatJson.MAPPER.writeValueAsBytes(unknownType),
                Kind.OVERSIZED, oversized(unknownType));
        List<Written> written = new ArrayList<>();
        if (transactional) {
            producer.beginTransaction();
        }
        for (Kind kind : Kind.values()) {
            RecordMetadata landed = send(new ProducerRecord<>(topic, key, values.get(kind)));
            written.add(new Written(kind, topic, key, landed.partition(), landed.offset()));
        }
        if (transactional) {
            producer.commitTransaction();
        }
        return written;
    }

    private RecordMetadata send(ProducerRecord<String, byte[]> record) {
        try {
            return transactional ? sendAndFlush(record) : producer.send(record).get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not write a poison record to " + record.topic(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private RecordMetadata sendAndFlush(ProducerRecord<String, byte[]> record)
            throws ExecutionException, InterruptedException {
        var sent = producer.send(record);
        producer.flush();
        return sent.get();
    }

    private static byte[] oversized(ObjectNode shape) {
        ObjectNode padded = shape.deepCopy();
        padded.put("padding", "x".repeat(Topics.MAX_RECORD_BYTES + 16 * 1024));
        return ChatJson.MAPPER.writeValueAsBytes(padded);
    }

    @Override
    public void close() {
        producer.close();
    }
}
