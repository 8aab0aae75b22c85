package io.twobrains.local.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalKafkaBrokerTest {

    private static final String TOPIC = "events";

    @TempDir
    Path dataDir;

    @Test
    void recordsSurviveABrokerRestart() throws Exception {
        String clusterId;
        try (LocalKafkaBroker broker = timedStart()) {
            clusterId = clusterId(broker.bootstrapServers());
            createTopic(broker.bootstrapServers());
            produceInTransaction(broker.bootstrapServers(), "tx-1", List.of("a", "b", "c"), true);
            // An aborted transaction must stay invisible to read_committed readers, before and after restart.
            produceInTransaction(broker.bootstrapServers(), "tx-2", List.of("aborted"), false);
            produceInTransaction(broker.bootstrapServers(), "tx-1", List.of("d"), true);

            assertThat(readCommitted(broker.bootstrapServers())).containsExactly("a", "b", "c", "d");
        }

        try (LocalKafkaBroker restarted = timedStart()) {
            assertThat(clusterId(restarted.bootstrapServers())).isEqualTo(clusterId);
            assertThat(readCommitted(restarted.bootstrapServers())).containsExactly("a", "b", "c", "d");
            // Transactions keep working: the coordinator reloads its state from __transaction_state.
            produceInTransaction(restarted.bootstrapServers(), "tx-1", List.of("e"), true);
            assertThat(readCommitted(restarted.bootstrapServers())).containsExactly("a", "b", "c", "d", "e");
        }
    }

    @Test
    void closeLeavesNoThreadThatKeepsTheJvmAlive() throws Exception {
        Set<Thread> before = nonDaemonThreads();
        LocalKafkaBroker broker = timedStart();
        try {
            createTopic(broker.bootstrapServers());
        } finally {
            broker.close();
        }
        broker.close(); // idempotent

        Set<Thread> leftOver = nonDaemonThreads();
        leftOver.removeAll(before);
        assertThat(leftOver.stream().map(Thread::getName).collect(Collectors.toList())).isEmpty();
    }

    private LocalKafkaBroker timedStart() {
        long begin = System.nanoTime();
        LocalKafkaBroker broker = new LocalKafkaBroker(dataDir, 0, 0).start();
        System.out.printf("LocalKafkaBroker start-up took %d ms%n",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin));
        return broker;
    }

    private static Set<Thread> nonDaemonThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && !t.isDaemon())
                .collect(Collectors.toSet());
    }

    private static String clusterId(String bootstrap) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            return admin.describeCluster().clusterId().get(30, TimeUnit.SECONDS);
        }
    }

    private static void createTopic(String bootstrap) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
    }

    private static void produceInTransaction(String bootstrap, String transactionalId, List<String> values,
            boolean commit) {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId,
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            producer.initTransactions();
            producer.beginTransaction();
            values.forEach(v -> producer.send(new ProducerRecord<>(TOPIC, "key", v)));
            producer.flush();
            if (commit) {
                producer.commitTransaction();
            } else {
                producer.abortTransaction();
            }
        }
    }

    private static List<String> readCommitted(String bootstrap) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        TopicPartition partition = new TopicPartition(TOPIC, 0);
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            // Under read_committed the end offset is the last stable offset: reading up to it sees
            // every committed record and skips aborted ones and transaction markers.
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (consumer.position(partition) < end && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                }
            }
        }
        return values;
    }
}
