package io.twobrains.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Looks for byte strings where they must never be: every record of every topic (internal ones, and
 * uncommitted ones, too), and every file under a data directory (log segments, RocksDB files,
 * PostgreSQL's files and write-ahead log).
 */
final class PlaintextSearch {

    private PlaintextSearch() {
    }

    static void topics(LocalStack stack, List<byte[]> canaries) throws Exception {
        List<String> topics;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers()))) {
            topics = new ArrayList<>(admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get());
        }
        assertThat(topics).contains("chat.commands", "chat.events", "chat.deltas",
                "twobrains-processor-" + io.twobrains.processor.store.Tables.STORE + "-changelog");
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        long scanned = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    scanned++;
                    String where = record.topic() + "@" + record.offset();
                    assertAbsent(where, record.key(), canaries);
                    assertAbsent(where, record.value(), canaries);
                    for (Header header : record.headers()) {
                        assertAbsent(where + " header " + header.key(), header.value(), canaries);
                    }
                }
            }
        }
        assertThat(scanned).as("records scanned").isPositive();
    }

    static void files(Path dataDir, List<byte[]> canaries) throws IOException {
        try (Stream<Path> files = Files.walk(dataDir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                byte[] content;
                try {
                    content = Files.readAllBytes(file);
                } catch (IOException e) {
                    continue; // a file that went away while we looked (segment roll, temp file)
                }
                assertAbsent(file.toString(), content, canaries);
            }
        }
    }

    static void assertAbsent(String where, byte[] haystack, List<byte[]> canaries) {
        if (haystack == null) {
            return;
        }
        for (byte[] canary : canaries) {
            assertThat(indexOf(haystack, canary)).as("a secret in plaintext in " + where).isEqualTo(-1);
        }
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

}
