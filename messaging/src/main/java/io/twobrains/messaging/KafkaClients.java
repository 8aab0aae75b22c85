package io.twobrains.messaging;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The Kafka clients of a node, from one base configuration: whatever the deployment sets (brokers,
 * SASL, TLS, client ids) reaches every client, and each role adds only what it needs. Keys are user
 * ids (strings), values bytes.
 */
public final class KafkaClients {

    private final Map<String, Object> producerBase;
    private final Map<String, Object> consumerBase;

    /**
     * @param producerBase settings every producer takes (e.g. Spring's {@code spring.kafka.*} as Boot builds them
     *                     for producers: brokers, security, TLS, client id)
     * @param consumerBase the same for consumers
     */
    public KafkaClients(Map<String, Object> producerBase, Map<String, Object> consumerBase) {
        this.producerBase = Map.copyOf(producerBase);
        this.consumerBase = Map.copyOf(consumerBase);
    }

    public static KafkaClients bootstrap(String bootstrapServers) {
        Map<String, Object> brokers = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return new KafkaClients(brokers, brokers);
    }

    /** The settings every consumer takes, for clients made elsewhere (Kafka Streams, an admin client). */
    public Map<String, Object> consumerBase() {
        return consumerBase;
    }

    /**
     * The node's one producer of records written outside the processor's transactions: commands,
     * deltas, control signals, dead letters. Idempotent with all acks, so a record the broker
     * acknowledged is written once and kept; {@code sendTimeout} bounds how long a send may wait
     * for a broker that is away.
     */
    public KafkaProducer<String, byte[]> producer(Duration sendTimeout) {
        Map<String, Object> config = new HashMap<>(producerBase);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 1);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, sendTimeout.toMillis());
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) sendTimeout.toMillis());
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) sendTimeout.toMillis() + 1000);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return new KafkaProducer<>(config);
    }

    /**
     * A consumer without a group, for a reader that assigns itself partitions and keeps no offsets.
     * {@code committedOnly}: read only what committed transactions wrote.
     */
    public KafkaConsumer<String, byte[]> readerConsumer(boolean committedOnly) {
        Map<String, Object> config = new HashMap<>(consumerBase);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, committedOnly ? "read_committed" : "read_uncommitted");
        config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return new KafkaConsumer<>(config);
    }
}
