package io.twobrains.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.twobrains.processor.kafka.ChatStreams;
import io.twobrains.processor.store.Tables;
import io.twobrains.testkit.ApiClient;
import io.twobrains.testkit.SseStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsMetadata;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Replies left running on a node that no longer holds their users: they start on the stack's one
 * node, then a second node joins and takes some partitions over. Requests for the users that moved
 * now reach the second node, which has no run of theirs: it follows them through {@code chat.deltas}
 * and stops them through {@code chat.control}, and the first node saves them through the second's
 * processor.
 */
final class MovedReplies implements AutoCloseable {

    /** A reply still running on the first node, for a user the second node now holds. */
    record Moved(String user, String conversation, SseStream stream) {
    }

    private final ConfigurableApplicationContext second;
    private final KafkaStreams secondStreams;
    private final URI secondUrl;
    private final List<Moved> moved;
    private final List<SseStream> streams;

    private MovedReplies(ConfigurableApplicationContext second, URI secondUrl, List<Moved> moved, List<SseStream> streams) {
        this.second = second;
        this.secondStreams = second.getBean(ChatStreams.class).streams();
        this.secondUrl = secondUrl;
        this.moved = moved;
        this.streams = streams;
    }

    /**
     * Starts a reply to {@code text} for {@code perPartition} users on each partition, lets a second node
     * join, and returns once partitions are spread over both nodes. The replies must outlast the move: the
     * stack's demo model should be slow and the text long (the demo model repeats it).
     */
    static MovedReplies start(LocalStack stack, String prefix, int perPartition, String text) throws InterruptedException {
        Map<String, SseStream> running = new LinkedHashMap<>();
        for (String user : NodeCrashIT.usersOnEveryPartition(prefix + "-" + UUID.randomUUID().toString().substring(0, 6),
                stack.settings().partitions(), perPartition)) {
            SseStream stream = Stacks.client(stack, user).stream("POST", "/api/chat", Map.of("id", "moving",
                    "messages", List.of(Map.of("id", "u1", "role", "user", "parts", List.of(Map.of("type", "text", "text", text)))),
                    "trigger", "submit-message"));
            assertThat(stream.status()).as("the reply of " + user + " starts").isEqualTo(200);
            assertThat(stream.next()).contains("\"start\"");
            running.put(user, stream);
        }
        int port = LocalStackSettings.freePort();
        ConfigurableApplicationContext second = stack.addNode(port);
        KafkaStreams streams = second.getBean(ChatStreams.class).streams();
        awaitPartitionsOnTwoNodes(streams);
        int secondInternal = second.getBean(io.twobrains.processor.ProcessorProperties.class).internalPort();
        List<Moved> moved = new ArrayList<>();
        running.forEach((user, stream) -> {
            if (streams.queryMetadataForKey(Tables.STORE, user, Serdes.String().serializer()).activeHost().port()
                    == secondInternal) {
                moved.add(new Moved(user, "moving", stream));
            }
        });
        assertThat(moved).as("users whose partition moved to the second node").isNotEmpty();
        return new MovedReplies(second, URI.create("http://localhost:" + port), moved, List.copyOf(running.values()));
    }

    private static void awaitPartitionsOnTwoNodes(KafkaStreams streams) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            if (streams.state() == KafkaStreams.State.RUNNING && streams.metadataForAllStreamsClients().stream()
                    .map(StreamsMetadata::topicPartitions).filter(p -> !p.isEmpty()).count() == 2) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the partitions were not spread over two nodes");
    }

    List<Moved> moved() {
        return moved;
    }

    /** The internal port of the node that holds {@code user} now. */
    int holder(String user) {
        return secondStreams.queryMetadataForKey(Tables.STORE, user, Serdes.String().serializer()).activeHost().port();
    }

    int secondInternalPort() {
        return second.getBean(io.twobrains.processor.ProcessorProperties.class).internalPort();
    }

    /**
     * Does {@code request} until it is not a 503 (the documented answer while partitions settle, with
     * Retry-After), for at most a minute.
     */
    static <T> T untilSettled(java.util.function.Supplier<T> request, java.util.function.ToIntFunction<T> status) {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        T answer = request.get();
        while (status.applyAsInt(answer) == 503 && System.nanoTime() < deadline) {
            if (answer instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    // a refused stream has nothing to close
                }
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            answer = request.get();
        }
        return answer;
    }

    /** A client of the second node for {@code user}. */
    ApiClient atSecondNode(LocalStack stack, String user) {
        return new ApiClient(secondUrl, Stacks.devToken(stack, user));
    }

    @Override
    public void close() {
        streams.forEach(SseStream::close);
        second.close();
    }
}
