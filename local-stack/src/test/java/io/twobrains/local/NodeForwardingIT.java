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
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsMetadata;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * With two nodes, a read or a write reaches the node that holds the user's partition, whichever node
 * it arrives at, carrying the caller's token; while partitions move it is a 503 with Retry-After,
 * never a wrong answer; a request one node sent on is never sent on again; and a user's rate limit
 * counts the user's requests through every door together.
 */
class NodeForwardingIT {

    private static final int PER_MINUTE = 6;

    private LocalStack stack;

    @AfterEach
    void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void requestsAreAnsweredByTheNodeThatHoldsTheUserWhereverTheyArrive() throws Exception {
        stack = LocalStack.start(LocalStackSettings.freePorts(Stacks.tempDir("twobrains-forwarding"))
                .with(Map.of("twobrains.chat.requests-per-minute", PER_MINUTE)), false);
        Map<String, Long> seqs = new LinkedHashMap<>();
        for (int u = 0; u < 12; u++) {
            ApiClient api = Stacks.client(stack, "fwd-" + u);
            api.post("/api/conversations", Map.of("id", "c1", "title", "user " + u));
            seqs.put("fwd-" + u, api.post("/api/conversations/c1/messages", message("m1", "user", "hi " + u)).seq());
        }

        int secondPort = freePort();
        ConfigurableApplicationContext second = stack.addNode(secondPort);
        KafkaStreams secondStreams = second.getBean(ChatStreams.class).streams();
        awaitTwoInstancesWithPartitions(secondStreams);

        Set<Integer> owners = new HashSet<>();
        URI secondUrl = URI.create("http://localhost:" + secondPort);
        for (Map.Entry<String, Long> user : seqs.entrySet()) {
            int owner = secondStreams.queryMetadataForKey(Tables.STORE, user.getKey(), Serdes.String().serializer())
                    .activeHost().port();
            owners.add(owner);
            String token = Stacks.devToken(stack, user.getKey());
            long seq = user.getValue();
            for (URI entry : new URI[] {stack.doorUrl(), secondUrl}) {
                ApiClient api = new ApiClient(entry, token);
                Response read = untilNotMoving(() -> api.withHeader("X-Chat-Min-Seq", Long.toString(user.getValue()))
                        .get("/api/conversations/c1"));
                assertThat(read.status()).as(entry + " for " + user.getKey()).isEqualTo(200);
                assertThat(read.json().get("title").asString()).isEqualTo("user " + user.getKey().substring(4));

                String id = "m" + (entry.equals(secondUrl) ? 3 : 2);
                Response written = untilNotMoving(() -> api.withHeader("Idempotency-Key", id)
                        .post("/api/conversations/c1/messages", message(id, "user", "again")));
                assertThat(written.status()).as(entry + " writes for " + user.getKey()).isEqualTo(201);
                assertThat(written.seq()).isEqualTo(++seq);
            }
            Response page = new ApiClient(secondUrl, token).withHeader("X-Chat-Min-Seq", Long.toString(seq))
                    .get("/api/conversations/c1/messages");
            assertThat(page.json().get("items").findValuesAsString("id")).containsExactly("m1", "m2", "m3");

            int secondInternal = second.getBean(io.twobrains.processor.ProcessorProperties.class).internalPort();
            URI notTheOwner = owner == secondInternal ? stack.doorUrl() : secondUrl;
            Response sentOnAgain = new ApiClient(notTheOwner, token).withHeader("X-Chat-Forwarded", "elsewhere:1")
                    .get("/api/conversations/c1");
            assertThat(sentOnAgain.status()).as("a request another node sent on is not sent on again").isEqualTo(503);
            assertThat(sentOnAgain.header("Retry-After")).isNotNull();
        }
        assertThat(owners).as("both nodes hold some of the users").hasSize(2);

        // A user's requests all reach the node that holds the user, so the per-user limit holds across nodes:
        // the requests of a minute, spread over both doors, are counted together.
        String limited = "fwd-limited";
        String token = Stacks.devToken(stack, limited);
        Map<String, Object> regenerateNothing = Map.of("id", "nowhere", "messages", List.of(), "trigger", "regenerate-message");
        for (int i = 0; i < PER_MINUTE; i++) {
            ApiClient api = new ApiClient(i % 2 == 0 ? stack.doorUrl() : secondUrl, token);
            assertThat(untilNotMoving(() -> api.post("/api/chat", regenerateNothing)).status()).as("request " + i)
                    .isEqualTo(404);
        }
        for (URI entry : new URI[] {stack.doorUrl(), secondUrl}) {
            Response refused = new ApiClient(entry, token).post("/api/chat", regenerateNothing);
            assertThat(refused.status()).as("request " + (PER_MINUTE + 1) + " through " + entry).isEqualTo(429);
            assertThat(refused.header("Retry-After")).isNotNull();
        }
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
    private static Response untilNotMoving(java.util.function.Supplier<Response> request) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Response answer = request.get();
        while (answer.status() == 503 && System.nanoTime() < deadline) {
            assertThat(answer.header("Retry-After")).isNotNull();
            Thread.sleep(250);
            answer = request.get();
        }
        return answer;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
