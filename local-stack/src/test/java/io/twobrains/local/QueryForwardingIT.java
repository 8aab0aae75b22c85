package io.twobrains.local;

import static io.twobrains.local.ConversationApiIT.message;
import static org.assertj.core.api.Assertions.assertThat;

import io.twobrains.processor.kafka.ChatStreams;
import io.twobrains.processor.store.Tables;
import io.twobrains.testkit.ApiClient;
import io.twobrains.testkit.ApiClient.Response;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsMetadata;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * With two processor instances, a read reaches the instance that owns the user's partition,
 * whichever instance it arrives at, carrying the caller's token; while partitions move it is a 503
 * with Retry-After, never a wrong answer.
 */
class QueryForwardingIT {

    private LocalStack stack;

    @AfterEach
    void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void readsAreAnsweredByTheInstanceThatOwnsTheUserWhereverTheyArrive() throws Exception {
        stack = LocalStack.start(LocalStackSettings.freePorts(Stacks.tempDir("twobrains-forwarding")), false);
        Map<String, Long> seqs = new LinkedHashMap<>();
        for (int u = 0; u < 12; u++) {
            ApiClient api = Stacks.client(stack, "fwd-" + u);
            api.post("/api/conversations", Map.of("id", "c1", "title", "user " + u));
            seqs.put("fwd-" + u, api.post("/api/conversations/c1/messages", message("m1", "user", "hi " + u)).seq());
        }

        int secondPort = freePort();
        ConfigurableApplicationContext second = stack.addProcessor(secondPort);
        KafkaStreams secondStreams = second.getBean(ChatStreams.class).streams();
        awaitTwoInstancesWithPartitions(secondStreams);

        Set<Integer> owners = new HashSet<>();
        for (Map.Entry<String, Long> user : seqs.entrySet()) {
            owners.add(secondStreams.queryMetadataForKey(Tables.STORE, user.getKey(), Serdes.String().serializer())
                    .activeHost().port());
            String token = Stacks.devToken(stack, user.getKey());
            for (URI entry : new URI[] {stack.doorUrl(), URI.create("http://localhost:" + secondPort)}) {
                String path = entry.equals(stack.doorUrl()) ? "/api/conversations/c1" : "/internal/conversations/c1";
                Response answer = readUntilNotRebalancing(new ApiClient(entry, token)
                        .withHeader("X-Chat-Min-Seq", Long.toString(user.getValue())), path);
                assertThat(answer.status()).as(entry + path + " for " + user.getKey()).isEqualTo(200);
                assertThat(answer.json().has("title")).as(answer.text()).isTrue();
                assertThat(answer.json().get("title").asString()).isEqualTo("user " + user.getKey().substring(4));
                assertThat(answer.json().get("messageCount").asLong()).isEqualTo(1);
            }
        }
        assertThat(owners).as("both instances own some of the users").hasSize(2);
    }

    private static void awaitTwoInstancesWithPartitions(KafkaStreams streams) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            if (streams.state() == KafkaStreams.State.RUNNING) {
                long withPartitions = streams.metadataForAllStreamsClients().stream()
                        .map(StreamsMetadata::topicPartitions).filter(p -> !p.isEmpty()).count();
                if (withPartitions == 2) {
                    return;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the partitions were not spread over two instances");
    }

    /** A 503 with Retry-After is the documented answer while partitions move: a client retries. */
    private static Response readUntilNotRebalancing(ApiClient client, String path) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Response answer = client.get(path);
        while (answer.status() == 503 && System.nanoTime() < deadline) {
            assertThat(answer.header("Retry-After")).isNotNull();
            Thread.sleep(250);
            answer = client.get(path);
        }
        return answer;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
