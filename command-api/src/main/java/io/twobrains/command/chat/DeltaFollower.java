package io.twobrains.command.chat;

import io.twobrains.command.kafka.DeadLetterWriter;
import io.twobrains.contract.Topics;
import io.twobrains.contract.json.ChatJson;
import io.twobrains.contract.json.MalformedRecordException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Utils;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import tools.jackson.databind.JsonNode;

/**
 * Follows a generation that runs on another command-api instance, through {@code chat.deltas}: the
 * user's partition from just before the generation started, its chunks in index order (a chunk written twice is
 * sent once), up to the chunk that ends it. The follower gets what a follower on the running instance
 * gets, so no text is duplicated or lost. A record of the user that is not a delta goes to
 * {@code chat.dlq} (each follower that meets it sends it), and the follower goes on.
 */
@Component
class DeltaFollower {

    private static final Set<String> LAST_CHUNKS = Set.of("finish", "error", "abort");
    private static final Duration SLACK = Duration.ofSeconds(5);
    private static final Duration POLL = Duration.ofMillis(100);

    private final KafkaProperties kafka;
    private final ChatProperties properties;
    private final DeadLetterWriter deadLetters;
    private final GenerationThreads generationThreads;

    DeltaFollower(KafkaProperties kafka, ChatProperties properties, DeadLetterWriter deadLetters, GenerationThreads generationThreads) {
        this.kafka = kafka;
        this.generationThreads = generationThreads;
        this.properties = properties;
        this.deadLetters = deadLetters;
    }

    Flux<String> follow(String userId, String generationId, Instant startedAt) {
        return Flux.<String>create(sink -> {
            KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config());
            sink.onDispose(consumer::wakeup);
            // The consumer is read for as long as the generation runs: on a generation thread.
            generationThreads.scheduler().schedule(() -> {
                try (consumer) {
                    read(consumer, userId, generationId, startedAt, sink);
                } catch (WakeupException e) {
                    sink.complete();
                } catch (RuntimeException e) {
                    sink.error(e);
                }
            });
        }, FluxSink.OverflowStrategy.BUFFER);
    }

    private void read(KafkaConsumer<String, byte[]> consumer, String userId, String generationId, Instant startedAt,
            FluxSink<String> sink) {
        int partitions = consumer.partitionsFor(Topics.DELTAS).size();
        TopicPartition partition = new TopicPartition(Topics.DELTAS, Utils.toPositive(Utils.murmur2(
                userId.getBytes(java.nio.charset.StandardCharsets.UTF_8))) % partitions);
        consumer.assign(List.of(partition));
        OffsetAndTimestamp from = consumer.offsetsForTimes(Map.of(partition, startedAt.minus(SLACK).toEpochMilli()))
                .get(partition);
        if (from == null) {
            consumer.seekToEnd(List.of(partition));
        } else {
            consumer.seek(partition, from.offset());
        }
        Map<Long, JsonNode> early = new TreeMap<>();
        long next = 0;
        long quietSince = System.nanoTime();
        Duration patience = properties.idleTimeout().plus(properties.firstTokenTimeout());
        while (!sink.isCancelled()) {
            boolean any = false;
            for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                if (!userId.equals(record.key())) {
                    continue;
                }
                DeltaRecord delta;
                try {
                    delta = DeltaRecord.parse(record.value());
                } catch (MalformedRecordException e) {
                    deadLetters.refuse(record, "unreadable delta", e);
                    continue;
                }
                if (generationId.equals(delta.generationId()) && delta.index() >= next) {
                    early.put(delta.index(), delta.chunk());
                    any = true;
                }
            }
            while (early.containsKey(next)) {
                JsonNode chunk = early.remove(next++);
                sink.next(ChatJson.MAPPER.writeValueAsString(chunk));
                if (LAST_CHUNKS.contains(chunk.path("type").asString())) {
                    sink.next(UiChunks.DONE);
                    sink.complete();
                    return;
                }
            }
            if (any) {
                quietSince = System.nanoTime();
            } else if (System.nanoTime() - quietSince > patience.toNanos()) {
                sink.next(ChatJson.MAPPER.writeValueAsString(UiChunks.error("the reply stopped arriving; reload to see what was saved")));
                sink.next(UiChunks.DONE);
                sink.complete();
                return;
            }
        }
    }

    private Map<String, Object> config() {
        Map<String, Object> config = new HashMap<>(kafka.buildConsumerProperties());
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return config;
    }
}
