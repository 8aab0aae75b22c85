package io.twobrains.command.chat;

import io.twobrains.contract.content.ContentCipher;
import io.twobrains.command.kafka.DeadLetterWriter;
import io.twobrains.contract.Topics;
import io.twobrains.contract.json.ChatJson;
import io.twobrains.contract.json.MalformedRecordException;
import io.twobrains.messaging.KafkaClients;
import io.twobrains.messaging.TopicTail;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import tools.jackson.databind.JsonNode;

/**
 * Follows a reply that runs on another node, through {@code chat.deltas}: a reply that outlived its
 * user's move goes on where it started, and the node that holds the user now follows it from the
 * user's partition, from just before the reply started, its chunks in index order (a chunk written
 * twice is sent once), up to the chunk that ends it. The follower gets what a follower on the running
 * node gets, so no text is duplicated or lost. A record that is not a delta goes to {@code chat.dlq}
 * (each follower that meets it sends it), and the follower goes on.
 */
@Component
class DeltaFollower {

    private static final Set<String> LAST_CHUNKS = Set.of("finish", "error", "abort");
    /** Clocks of two nodes may differ: the partition is read from a little before the reply's start. */
    private static final Duration SLACK = Duration.ofSeconds(5);

    private final KafkaClients clients;
    private final ChatProperties properties;
    private final DeadLetterWriter deadLetters;
    private volatile int partitions;

    DeltaFollower(KafkaClients clients, ChatProperties properties, DeadLetterWriter deadLetters) {
        this.clients = clients;
        this.properties = properties;
        this.deadLetters = deadLetters;
    }

    Flux<String> follow(ContentCipher cipher, String conversationId, String generationId, Instant startedAt) {
        String userId = cipher.userId();
        Duration patience = properties.idleTimeout().plus(properties.firstTokenTimeout());
        return Flux.<String>create(sink -> {
                    InOrder chunks = new InOrder(sink);
                    TopicTail tail = TopicTail.start(clients, Topics.DELTAS, Set.of(partitionOf(userId)),
                            new TopicTail.Start.Since(startedAt.minus(SLACK)), false,
                            record -> read(record, cipher, conversationId, generationId, chunks), "follow-" + generationId);
                    sink.onDispose(tail::close);
                }, FluxSink.OverflowStrategy.BUFFER)
                .timeout(patience, Flux.just(ChatJson.MAPPER.writeValueAsString(
                        UiChunks.error("the reply stopped arriving; reload to see what was saved")), UiChunks.DONE));
    }

    private void read(ConsumerRecord<String, byte[]> record, ContentCipher cipher, String conversationId,
            String generationId, InOrder chunks) {
        try {
            for (DeltaRecord delta : DeltaRecord.parse(record.key(), record.value())) {
                if (delta.userId().equals(cipher.userId()) && delta.generationId().equals(generationId)
                        && (delta.conversationId() == null || delta.conversationId().equals(conversationId))) {
                    chunks.offer(delta.index(), delta.chunk(cipher));
                }
            }
        } catch (MalformedRecordException e) {
            deadLetters.refuse(record, "unreadable delta", e);
        }
    }

    private int partitionOf(String userId) {
        if (partitions == 0) {
            try (KafkaConsumer<String, byte[]> consumer = clients.readerConsumer(false)) {
                partitions = consumer.partitionsFor(Topics.DELTAS).size();
            }
        }
        return Topics.partitionOf(userId, partitions);
    }

    /** Chunks passed on in index order, each once, until the one that ends the reply. */
    private static final class InOrder {
        private final FluxSink<String> sink;
        private final Map<Long, JsonNode> early = new TreeMap<>();
        private long next;
        private boolean ended;

        InOrder(FluxSink<String> sink) {
            this.sink = sink;
        }

        synchronized void offer(long index, JsonNode chunk) {
            if (ended || index < next) {
                return;
            }
            early.put(index, chunk);
            while (early.containsKey(next)) {
                JsonNode ready = early.remove(next++);
                sink.next(ChatJson.MAPPER.writeValueAsString(ready));
                if (LAST_CHUNKS.contains(ready.path("type").asString())) {
                    ended = true;
                    sink.next(UiChunks.DONE);
                    sink.complete();
                    return;
                }
            }
        }
    }
}
