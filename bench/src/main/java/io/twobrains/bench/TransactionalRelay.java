package io.twobrains.bench;

import io.twobrains.contract.Topics;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The processor path's limit: what a Kafka consume-transform-produce loop costs with nothing in the
 * middle. It consumes one command record and produces its "event" and its "reply" (the command's bytes,
 * unchanged) in the same transaction as the command's offset, exactly once (transactional producer,
 * {@code sendOffsetsToTransaction}, read_committed), committing every commit interval as the
 * processor's stream thread does, with its client settings (poll 5 ms, linger 1 ms, fetch wait 50 ms).
 * One thread, like the processor's one stream thread; topics with as many partitions as chat.commands.
 *
 * <p>It runs in a JVM of its own: {@code java -cp <bench classpath> io.twobrains.bench.TransactionalRelay
 * <bootstrap> <run id> <commit interval ms>}; it prints {@value #READY} once it owns its partitions.
 */
public final class TransactionalRelay {

    static final String READY = "relay ready";
    static final String NAME = "relay JVM";

    /** The relay's topics in a run: commands in, events and replies out. */
    record RelayTopics(String commands, String events, String replies) {
        static RelayTopics of(String run) {
            return new RelayTopics("bench.relay-commands-" + run, "bench.relay-events-" + run, "bench.relay-replies-" + run);
        }

        List<String> all() {
            return List.of(commands, events, replies);
        }
    }

    private TransactionalRelay() {
    }

    /** Creates the relay's topics, starts it in a JVM of its own and waits until it owns its partitions. */
    static JavaChild start(String bootstrap, String run, Duration commitInterval) {
        createTopics(bootstrap, RelayTopics.of(run));
        return JavaChild.start("relay", TransactionalRelay.class.getName(), List.of(), Map.of(), Map.of(),
                List.of(bootstrap, run, Long.toString(commitInterval.toMillis())), JavaChild.logFile("relay-" + run),
                READY, Duration.ofMinutes(2));
    }

    public static void main(String[] args) {
        String bootstrap = args[0];
        RelayTopics topics = RelayTopics.of(args[1]);
        long commitNanos = Duration.ofMillis(Long.parseLong(args[2])).toNanos();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                        ConsumerConfig.GROUP_ID_CONFIG, "bench-relay-" + args[1],
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                        ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50,
                        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
                KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                        ProducerConfig.TRANSACTIONAL_ID_CONFIG, "bench-relay-" + args[1] + "-" + UUID.randomUUID(),
                        ProducerConfig.LINGER_MS_CONFIG, 1,
                        ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            producer.initTransactions();
            consumer.subscribe(List.of(topics.commands()), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    if (!partitions.isEmpty()) {
                        System.out.println(READY + ": " + partitions);
                    }
                }
            });
            relay(consumer, producer, topics, commitNanos);
        }
    }

    private static void relay(KafkaConsumer<String, byte[]> consumer, KafkaProducer<String, byte[]> producer,
            RelayTopics topics, long commitNanos) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        producer.beginTransaction();
        long nextCommit = System.nanoTime() + commitNanos;
        while (true) {
            for (ConsumerRecord<String, byte[]> command : consumer.poll(Duration.ofMillis(5))) {
                producer.send(new ProducerRecord<>(topics.events(), command.key(), command.value()));
                producer.send(new ProducerRecord<>(topics.replies(), command.key(), command.value()));
                offsets.put(new TopicPartition(command.topic(), command.partition()),
                        new OffsetAndMetadata(command.offset() + 1));
            }
            if (System.nanoTime() >= nextCommit) {
                if (!offsets.isEmpty()) {
                    producer.sendOffsetsToTransaction(offsets, consumer.groupMetadata());
                    producer.commitTransaction();
                    producer.beginTransaction();
                    offsets.clear();
                }
                nextCommit = System.nanoTime() + commitNanos;
            }
        }
    }

    /** As many partitions as chat.commands, and its replication. */
    private static void createTopics(String bootstrap, RelayTopics topics) {
        try (Admin admin = Admin.create(Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            TopicDescription commands = admin.describeTopics(List.of(Topics.COMMANDS)).allTopicNames().get()
                    .get(Topics.COMMANDS);
            short replicas = (short) commands.partitions().get(0).replicas().size();
            int partitions = commands.partitions().size();
            admin.createTopics(topics.all().stream().map(name -> new NewTopic(name, partitions, replicas)).toList())
                    .all().get();
            System.out.printf("  relay topics: %d partitions each, as %s%n", partitions, Topics.COMMANDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not create the relay's topics", e);
        }
    }
}
