package io.twobrains.testkit;

import io.twobrains.contract.TopicEnds;
import io.twobrains.contract.Topics;
import io.twobrains.contract.event.EventEnvelope;
import io.twobrains.contract.json.EventCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The source of truth as a test reads it: every committed event of {@code chat.events}, up to where
 * the topic was written when asked. A transaction left open by a writer that was killed holds back
 * every read_committed reader until its timeout aborts it, so a read first waits for every
 * transaction open at that moment to be decided (longer than the processor's transaction timeout).
 */
public final class EventsTopic {

    /** Longer than the processor's {@code transaction.timeout.ms} (10 s), so a hung transaction is decided. */
    private static final Duration SETTLE_PATIENCE = Duration.ofSeconds(60);

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
            Map<TopicPartition, Long> end = settledEnd(bootstrap);
            List<TopicPartition> partitions = List.copyOf(end.keySet());
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            // Below the settled end every transaction is decided: read_committed skips the aborted ones.
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

    private static Map<TopicPartition, Long> settledEnd(String bootstrap) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            return TopicEnds.settled(admin, Topics.EVENTS, SETTLE_PATIENCE);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not find where " + Topics.EVENTS + " ends", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
