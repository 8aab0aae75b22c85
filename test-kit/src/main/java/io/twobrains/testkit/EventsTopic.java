package io.twobrains.testkit;

import io.twobrains.contract.Topics;
import io.twobrains.contract.event.EventEnvelope;
import io.twobrains.contract.json.EventCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** The source of truth as a test reads it: every committed event of {@code chat.events}. */
public final class EventsTopic {

    private EventsTopic() {
    }

    /** Every committed event up to the current end, ordered by user and then seq. */
    public static List<EventEnvelope> readAll(String bootstrap) {
        return read(bootstrap, key -> true);
    }

    /** One user's committed events up to the current end, in seq order. */
    public static List<EventEnvelope> readUser(String bootstrap, String userId) {
        return read(bootstrap, userId::equals);
    }

    private static List<EventEnvelope> read(String bootstrap, Predicate<String> keys) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        List<EventEnvelope> events = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.EVENTS).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            // read_committed: the end offsets are the last stable offsets, so nothing undecided is read.
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (keys.test(record.key())) {
                        events.add(EventCodec.fromBytes(record.value()));
                    }
                }
            }
        }
        events.sort(Comparator.comparing(EventEnvelope::userId).thenComparingLong(EventEnvelope::seq));
        return events;
    }
}
