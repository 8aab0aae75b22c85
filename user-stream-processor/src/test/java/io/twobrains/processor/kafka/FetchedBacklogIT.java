package io.twobrains.processor.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.twobrains.testkit.TestKafka;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A stream thread commits at once only when nothing waits for it: on a real broker, with the main
 * consumer as Kafka Streams polls it, the backlog is empty after the last record fetched and handled,
 * and not while a fetched record is unhandled, while the consumer holds records it has not handed on,
 * or on a thread other than the consumer's.
 */
class FetchedBacklogIT {

    private String topic;
    private TopicPartition first;
    private TopicPartition second;

    @BeforeEach
    void topic() throws Exception {
        topic = "backlog-" + UUID.randomUUID();
        first = new TopicPartition(topic, 0);
        second = new TopicPartition(topic, 1);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get();
        }
    }

    @Test
    void theBacklogIsEmptyOnlyAfterTheLastRecordFetchedIsHandled() throws Exception {
        FetchedBacklog backlog = new FetchedBacklog();
        produce(first, 3);
        try (Consumer<byte[], byte[]> consumer = backlog.mainConsumer(config(500))) {
            consumer.assign(List.of(first, second));
            List<ConsumerRecord<byte[], byte[]>> fetched = pollUntil(consumer, 3);
            consumer.poll(Duration.ofMillis(200)); // both partitions' ends known

            assertThat(backlog.emptyAfter(handled(fetched.get(0)))).as("two fetched records not handled").isFalse();
            assertThat(backlog.emptyAfter(handled(fetched.get(1)))).as("one fetched record not handled").isFalse();
            assertThat(backlog.emptyAfter(handled(fetched.get(2)))).as("all handled, nothing more").isTrue();
            Boolean[] otherThread = new Boolean[1];
            Thread other = new Thread(() -> otherThread[0] = backlog.emptyAfter(handled(fetched.get(2))));
            other.start();
            other.join();
            assertThat(otherThread[0]).as("asked from a thread with no consumer of its own").isFalse();

            produce(second, 1);
            List<ConsumerRecord<byte[], byte[]>> more = pollUntil(consumer, 1);
            assertThat(backlog.emptyAfter(handled(fetched.get(2))))
                    .as("a record fetched on the other partition waits").isFalse();
            assertThat(backlog.emptyAfter(handled(more.get(0)))).as("handled too").isTrue();
        }
    }

    @Test
    void recordsTheConsumerHoldsButHasNotHandedOnWait() throws Exception {
        FetchedBacklog backlog = new FetchedBacklog();
        produce(first, 3);
        try (Consumer<byte[], byte[]> consumer = backlog.mainConsumer(config(1))) {
            consumer.assign(List.of(first, second));
            List<ConsumerRecord<byte[], byte[]>> fetched = pollUntil(consumer, 1);

            assertThat(backlog.emptyAfter(handled(fetched.get(0))))
                    .as("handed on one record of three: the other two are fetched or on the broker").isFalse();
            List<ConsumerRecord<byte[], byte[]>> rest = pollUntil(consumer, 2);
            consumer.poll(Duration.ofMillis(200));
            assertThat(backlog.emptyAfter(handled(rest.get(0)))).isFalse();
            assertThat(backlog.emptyAfter(handled(rest.get(1)))).isTrue();
        }
    }

    private void produce(TopicPartition partition, int records) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers()),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < records; i++) {
                producer.send(new ProducerRecord<>(topic, partition.partition(), null, new byte[] {(byte) i})).get();
            }
        }
    }

    private static Map<String, Object> config(int maxPollRecords) {
        return Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxPollRecords);
    }

    private static List<ConsumerRecord<byte[], byte[]>> pollUntil(Consumer<byte[], byte[]> consumer, int count) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (records.size() < count && System.nanoTime() < deadline) {
            consumer.poll(Duration.ofMillis(100)).forEach(records::add);
        }
        assertThat(records).hasSize(count);
        return records;
    }

    private static RecordMetadata handled(ConsumerRecord<byte[], byte[]> record) {
        return new RecordMetadata() {
            @Override
            public String topic() {
                return record.topic();
            }

            @Override
            public int partition() {
                return record.partition();
            }

            @Override
            public long offset() {
                return record.offset();
            }
        };
    }
}
