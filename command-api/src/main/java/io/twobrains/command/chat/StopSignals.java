package io.twobrains.command.chat;

import io.twobrains.command.kafka.DeadLetterWriter;
import io.twobrains.contract.Topics;
import io.twobrains.contract.json.MalformedRecordException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Stops generations across instances: a stop for a generation that runs elsewhere is written to
 * {@code chat.control}, which every instance reads from its end (no consumer group), and the instance
 * running the generation stops it. Signals are small and rare, so reading all of them is cheap. A record
 * that is not a signal goes to {@code chat.dlq} (every instance that reads it sends it), and the
 * reading goes on.
 */
@Component
class StopSignals implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(StopSignals.class);

    private final KafkaProperties kafka;
    private final Generations generations;
    private final DeadLetterWriter deadLetters;
    private final Producer<String, byte[]> producer;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile boolean running;

    StopSignals(KafkaProperties kafka, Generations generations, DeadLetterWriter deadLetters) {
        this.kafka = kafka;
        this.generations = generations;
        this.deadLetters = deadLetters;
        Map<String, Object> config = new HashMap<>(kafka.buildProducerProperties());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        this.producer = new KafkaProducer<>(config);
    }

    /** Asks whichever instance runs the generation to stop it. */
    Mono<Void> requestStop(String userId, String conversationId, String generationId) {
        byte[] signal = new StopSignal(userId, conversationId, generationId).toBytes();
        return Mono.fromFuture(() -> {
                    java.util.concurrent.CompletableFuture<Void> sent = new java.util.concurrent.CompletableFuture<>();
                    producer.send(new ProducerRecord<>(Topics.CONTROL, userId, signal), (metadata, error) -> {
                        if (error == null) {
                            sent.complete(null);
                        } else {
                            sent.completeExceptionally(error);
                        }
                    });
                    return sent;
                })
                .subscribeOn(Schedulers.boundedElastic());
    }

    @Override
    public void start() {
        Map<String, Object> config = new HashMap<>(kafka.buildConsumerProperties());
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        consumer = new KafkaConsumer<>(config);
        running = true;
        Thread thread = new Thread(this::listen, "chat-stop-signals");
        thread.setDaemon(true);
        thread.start();
    }

    private void listen() {
        try (KafkaConsumer<String, byte[]> signals = consumer) {
            List<TopicPartition> partitions = List.of();
            while (running && partitions.isEmpty()) {
                partitions = signals.partitionsFor(Topics.CONTROL).stream()
                        .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
                if (partitions.isEmpty()) {
                    Thread.sleep(1_000);
                }
            }
            signals.assign(partitions);
            signals.seekToEnd(partitions);
            while (running) {
                for (ConsumerRecord<String, byte[]> record : signals.poll(Duration.ofMillis(500))) {
                    handle(record);
                }
            }
        } catch (WakeupException | InterruptedException e) {
            // stopping
        } catch (RuntimeException e) {
            LOG.warn("stop signals are no longer read: {}", e.toString());
        }
    }

    private void handle(ConsumerRecord<String, byte[]> record) {
        StopSignal signal;
        try {
            signal = StopSignal.parse(record.value());
        } catch (MalformedRecordException e) {
            deadLetters.refuse(record, "unreadable control record", e);
            return;
        }
        try {
            generations.find(signal.userId(), signal.conversationId())
                    .filter(run -> run.identity().generationId().equals(signal.generationId()))
                    .ifPresent(GenerationRun::stop);
        } catch (RuntimeException e) {
            // A signal that cannot be acted on must not end the reading of every later one.
            LOG.warn("a stop signal could not be acted on: {}", e.toString());
        }
    }

    @Override
    public void stop() {
        running = false;
        KafkaConsumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        producer.close(Duration.ofSeconds(2));
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
