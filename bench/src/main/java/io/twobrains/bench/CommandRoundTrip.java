package io.twobrains.bench;

import io.twobrains.contract.Topics;
import io.twobrains.contract.command.Command;
import io.twobrains.contract.command.CommandEnvelope;
import io.twobrains.contract.json.CommandCodec;
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
 * Commands produced with the contract's codec to one topic, keyed by user (as the command API and the
 * test kit's CommandClient produce them), each done when its first event is read back, committed, from
 * another topic: {@code chat.commands} to {@code chat.events} for the processor path, the relay's own
 * topics for its limit. Events are matched on their envelope's {@code commandId}; a
 * {@code CommandRejected} event is a wrong answer. Nothing here reads {@code chat.replies}.
 */
final class CommandRoundTrip implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String REJECTED = "CommandRejected";

    private final String commandTopic;
    private final KafkaProducer<String, byte[]> producer;
    private final KafkaConsumer<String, byte[]> consumer;
    private final Map<UUID, CompletableFuture<Boolean>> pending = new ConcurrentHashMap<>();
    private final Thread listener;

    CommandRoundTrip(String bootstrap, String commandTopic, String eventTopic) {
        this.commandTopic = commandTopic;
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
        List<TopicPartition> partitions = consumer.partitionsFor(eventTopic).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        listener = new Thread(this::listen, "round-trip-" + eventTopic);
        listener.setDaemon(true);
        listener.start();
    }

    /** The processor path: chat.commands in, chat.events out. */
    static CommandRoundTrip processor(String bootstrap) {
        return new CommandRoundTrip(bootstrap, Topics.COMMANDS, Topics.EVENTS);
    }

    /** Emits true when the command's first event is committed and is not a rejection; an error after 30 s. */
    Mono<Boolean> send(String userId, Command command) {
        return send(userId, command, TIMEOUT);
    }

    /**
     * As {@link #send(String, Command)}, waiting up to {@code patience}: seeding puts a thousand commands of
     * one user in flight, and on a busy machine the last of them waits longer than a measured request may.
     */
    Mono<Boolean> send(String userId, Command command, Duration patience) {
        return Mono.defer(() -> {
            CommandEnvelope envelope = new CommandEnvelope(UUID.randomUUID(), userId, Instant.now(), command, null);
            CompletableFuture<Boolean> answered = new CompletableFuture<>();
            pending.put(envelope.commandId(), answered);
            producer.send(new ProducerRecord<>(commandTopic, userId, CommandCodec.toBytes(envelope)),
                    (metadata, error) -> {
                        if (error != null) {
                            pending.remove(envelope.commandId());
                            answered.completeExceptionally(error);
                        }
                    });
            return Mono.fromFuture(answered).timeout(patience).doFinally(signal -> pending.remove(envelope.commandId()));
        });
    }

    private void listen() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    EnvelopeHead.read(record.value()).ifPresent(head -> {
                        CompletableFuture<Boolean> answered = pending.remove(head.commandId());
                        if (answered != null) {
                            answered.complete(!REJECTED.equals(head.type()));
                        }
                    });
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
        try {
            listener.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(10));
    }
}
