package io.twobrains.bench;

import io.twobrains.contract.Topics;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import reactor.core.publisher.Mono;

/**
 * The limit the processor path is measured against: the same records, keyed by user, produced by a
 * transactional producer that commits every commit interval (as the processor does) and read back by
 * a read_committed consumer, on a topic of its own with as many partitions as chat.commands. A send
 * completes when its record is consumed, so its latency is produce → committed → consumed.
 *
 * <p>One thread owns the producer (a transaction is single-threaded), one the consumer.
 */
final class RawKafkaLimit implements AutoCloseable {

    private static final String ID_HEADER = "bench-id";

    private record Pending(long id, String user, byte[] value) {
    }

    private final String topic;
    private final Admin admin;
    private final KafkaProducer<String, byte[]> producer;
    private final KafkaConsumer<String, byte[]> consumer;
    private final Duration commitInterval;
    private final BlockingQueue<Pending> outbox = new LinkedBlockingQueue<>();
    private final Map<Long, CompletableFuture<Boolean>> inFlight = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final Thread producing;
    private final Thread consuming;
    private volatile boolean running = true;

    RawKafkaLimit(String bootstrap, Duration commitInterval) {
        this.commitInterval = commitInterval;
        String run = UUID.randomUUID().toString().substring(0, 8);
        topic = "bench.limit-" + run;
        admin = Admin.create(Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
        try {
            TopicDescription commands = admin.describeTopics(List.of(Topics.COMMANDS)).allTopicNames().get()
                    .get(Topics.COMMANDS);
            short replicas = (short) commands.partitions().get(0).replicas().size();
            admin.createTopics(List.of(new NewTopic(topic, commands.partitions().size(), replicas))).all().get();
            System.out.printf("  raw Kafka limit on %s: %d partitions, commit every %d ms%n", topic,
                    commands.partitions().size(), commitInterval.toMillis());
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException("could not create the limit's topic", e);
        }
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "bench-limit-" + run,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        partitions.forEach(consumer::position);
        producer.initTransactions();
        producing = new Thread(this::produce, "bench-limit-producer");
        consuming = new Thread(this::consume, "bench-limit-consumer");
        producing.start();
        consuming.start();
    }

    /** Completes with true when this record, keyed by {@code user}, has been read back committed. */
    Mono<Boolean> send(String user, byte[] value) {
        return Mono.defer(() -> {
            long id = ids.incrementAndGet();
            CompletableFuture<Boolean> consumed = new CompletableFuture<>();
            inFlight.put(id, consumed);
            outbox.add(new Pending(id, user, value));
            return Mono.fromFuture(consumed).timeout(Duration.ofSeconds(60)).doFinally(signal -> inFlight.remove(id));
        });
    }

    private void produce() {
        producer.beginTransaction();
        long nextCommit = System.nanoTime() + commitInterval.toNanos();
        int sent = 0;
        try {
            while (running) {
                Pending first = outbox.poll(Math.max(0, nextCommit - System.nanoTime()), TimeUnit.NANOSECONDS);
                for (Pending next = first; next != null; next = outbox.poll()) {
                    ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, next.user(), next.value());
                    record.headers().add(ID_HEADER, ByteBuffer.allocate(Long.BYTES).putLong(next.id()).array());
                    long id = next.id();
                    producer.send(record, (metadata, error) -> {
                        if (error != null) {
                            fail(id, error);
                        }
                    });
                    sent++;
                }
                if (System.nanoTime() >= nextCommit) {
                    if (sent > 0) {
                        producer.commitTransaction();
                        producer.beginTransaction();
                        sent = 0;
                    }
                    nextCommit = System.nanoTime() + commitInterval.toNanos();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void consume() {
        try {
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    Header id = record.headers().lastHeader(ID_HEADER);
                    CompletableFuture<Boolean> consumed = id == null ? null
                            : inFlight.remove(ByteBuffer.wrap(id.value()).getLong());
                    if (consumed != null) {
                        consumed.complete(true);
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        }
    }

    private void fail(long id, Exception error) {
        CompletableFuture<Boolean> consumed = inFlight.remove(id);
        if (consumed != null) {
            consumed.completeExceptionally(error);
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            producing.join(10_000);
            consuming.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(10));
        consumer.close(Duration.ofSeconds(10));
        admin.deleteTopics(List.of(topic));
        admin.close(Duration.ofSeconds(10));
    }
}
