package io.twobrains.testkit;

import io.twobrains.contract.Topics;
import io.twobrains.contract.command.Command;
import io.twobrains.contract.command.CommandEnvelope;
import io.twobrains.contract.json.CommandCodec;
import io.twobrains.contract.json.ReplyCodec;
import io.twobrains.contract.reply.Reply;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import reactor.core.publisher.Mono;

/**
 * Sends commands straight to {@code chat.commands} and completes when their replies arrive: the
 * processor path without HTTP, for tests and benchmarks.
 */
public final class CommandClient implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;
    private final KafkaConsumer<String, byte[]> consumer;
    private final Map<UUID, CompletableFuture<Reply>> pending = new ConcurrentHashMap<>();
    private final Thread listener;

    public CommandClient(String bootstrap) {
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 1,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.REPLIES).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        listener = new Thread(this::listen, "bench-replies");
        listener.setDaemon(true);
        listener.start();
    }

    public Mono<Reply> send(String userId, Command command) {
        return Mono.defer(() -> {
            CommandEnvelope envelope = new CommandEnvelope(UUID.randomUUID(), userId, Instant.now(), command, null);
            CompletableFuture<Reply> reply = new CompletableFuture<>();
            pending.put(envelope.commandId(), reply);
            producer.send(new ProducerRecord<>(Topics.COMMANDS, userId, CommandCodec.toBytes(envelope)),
                    (metadata, error) -> {
                        if (error != null) {
                            pending.remove(envelope.commandId());
                            reply.completeExceptionally(error);
                        }
                    });
            return Mono.fromFuture(reply).timeout(Duration.ofSeconds(60))
                    .doFinally(signal -> pending.remove(envelope.commandId()));
        });
    }

    private void listen() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    Reply reply = ReplyCodec.fromBytes(record.value());
                    CompletableFuture<Reply> future = pending.remove(reply.commandId());
                    if (future != null) {
                        future.complete(reply);
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close();
        }
    }

    @Override
    public void close() {
        consumer.wakeup();
        producer.close();
    }
}
