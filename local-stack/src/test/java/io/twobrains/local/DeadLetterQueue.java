package io.twobrains.local;

import static org.awaitility.Awaitility.await;

import io.twobrains.contract.RecordHeaders;
import io.twobrains.contract.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads chat.dlq (committed records only) from its start, and finds the dead letters of given records. */
final class DeadLetterQueue implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();

    DeadLetterQueue(String bootstrap) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.DLQ).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** The first dead letter of the record at {@code topic-partition@offset}, waiting for it to arrive. */
    synchronized ConsumerRecord<String, byte[]> awaitDeadLetterOf(String topic, int partition, long offset) {
        return await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
                    return find(topic, partition, offset);
                }, Optional::isPresent).orElseThrow();
    }

    private Optional<ConsumerRecord<String, byte[]>> find(String topic, int partition, long offset) {
        return seen.stream()
                .filter(r -> topic.equals(header(r, RecordHeaders.DLQ_TOPIC))
                        && Integer.toString(partition).equals(header(r, RecordHeaders.DLQ_PARTITION))
                        && Long.toString(offset).equals(header(r, RecordHeaders.DLQ_OFFSET)))
                .findFirst();
    }

    static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Override
    public synchronized void close() {
        consumer.close();
    }
}
