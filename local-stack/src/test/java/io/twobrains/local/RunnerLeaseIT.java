package io.twobrains.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.twobrains.door.NodeApplication;
import io.twobrains.processor.store.Tables;
import io.twobrains.testkit.ApiClient;
import io.twobrains.testkit.SseStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * A reply holds a lease that its node renews with heartbeats on {@code chat.control}. When the node
 * running a reply is killed with SIGKILL, the node that takes its users over ends the reply as failed
 * once the lease lapses (15 s, checked every 5 s), and the conversation takes the next message: a lost
 * node does not lock its users' conversations until the generation timeout.
 */
class RunnerLeaseIT {

    private static final Logger LOG = LoggerFactory.getLogger(RunnerLeaseIT.class);
    private static final String LONG_TEXT = "please keep talking for a while ".repeat(40).trim();

    private LocalStack stack;
    private ChildJvm node;

    @AfterEach
    void stop() {
        if (node != null) {
            node.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void aReplyWhoseNodeIsKilledEndsAsFailedAndTheConversationTakesTheNextMessage() throws InterruptedException {
        stack = LocalStack.start(LocalStackSettings.freePorts(Stacks.tempDir("twobrains-lease"))
                .with(Map.of("twobrains.chat.demo-token-delay", "250ms",
                        "twobrains.processor.streams.[session.timeout.ms]", 6000,
                        "twobrains.processor.streams.[heartbeat.interval.ms]", 1500)), false);
        int port = LocalStackSettings.freePort();
        node = ChildJvm.start("node-" + port, NodeApplication.class, stack.nodeArguments(port));
        String user = userHeldByTheChild();
        ApiClient client = Stacks.client(stack, user);

        SseStream running = MovedReplies.untilSettled(() -> client.stream("POST", "/api/chat", chat("u1", LONG_TEXT)),
                SseStream::status);
        assertThat(running.status()).isEqualTo(200);
        assertThat(running.next()).contains("\"start\"");
        assertThat(running.next()).as("the reply is under way on the child node").isNotNull();
        node.kill();
        long killed = System.nanoTime();
        running.close();

        SseStream next = null;
        long deadline = killed + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            SseStream attempt = client.stream("POST", "/api/chat", chat("u2", "and now?"));
            if (attempt.status() == 200) {
                next = attempt;
                break;
            }
            assertThat(attempt.status()).as("while the lease runs: busy (409) or moving (503)").isIn(409, 503);
            attempt.close();
            Thread.sleep(500);
        }
        assertThat(next).as("the conversation takes the next message once the dead node's lease lapses").isNotNull();
        LOG.info("the next message went through {} ms after the kill", Duration.ofNanos(System.nanoTime() - killed).toMillis());
        try (SseStream reply = next) {
            assertThat(reply.rest()).anyMatch(chunk -> chunk.contains("\"finish\""));
        }

        JsonNode items = client.get("/api/conversations/lease/messages").json().get("items");
        assertThat(items).extracting(item -> item.get("role").asString()).endsWith("user", "assistant");
        assertThat(items.get(items.size() - 2).toString()).contains("and now?");
    }

    private static Map<String, Object> chat(String messageId, String text) {
        return Map.of("id", "lease", "messages", List.of(Map.of("id", messageId, "role", "user", "parts",
                List.of(Map.of("type", "text", "text", text)))), "trigger", "submit-message");
    }

    /** Waits until the child node holds partitions, and returns a user on one of them. */
    private String userHeldByTheChild() throws InterruptedException {
        KafkaStreams streams = stack.nodeStreams().streams();
        int here = stack.settings().internalPort();
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        String prefix = "lease-" + UUID.randomUUID().toString().substring(0, 6);
        while (System.nanoTime() < deadline) {
            if (streams.state() == KafkaStreams.State.RUNNING && streams.metadataForAllStreamsClients().stream()
                    .filter(client -> !client.topicPartitions().isEmpty()).count() == 2) {
                for (String user : NodeCrashIT.usersOnEveryPartition(prefix, stack.settings().partitions(), 1)) {
                    if (streams.queryMetadataForKey(Tables.STORE, user, Serdes.String().serializer()).activeHost()
                            .port() != here) {
                        return user;
                    }
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the child node never held a partition");
    }
}
