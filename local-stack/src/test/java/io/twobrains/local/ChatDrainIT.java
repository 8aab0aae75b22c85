package io.twobrains.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.twobrains.contract.event.GenerationCompleted;
import io.twobrains.contract.event.MessageAppended;
import io.twobrains.contract.message.Role;
import io.twobrains.testkit.ApiClient;
import io.twobrains.testkit.SseStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A node that is stopped lets the replies running on it finish and be saved (within the drain
 * timeout) before it stops, instead of cutting them off; meanwhile it refuses new chats with 503.
 */
class ChatDrainIT {

    private static final String LONG_TEXT = "please keep talking for a while ".repeat(40).trim();

    private LocalStack stack;

    @AfterEach
    void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void aStoppingNodeFinishesAndSavesItsRunningReplyAndRefusesNewChats() throws InterruptedException {
        stack = LocalStack.start(LocalStackSettings.freePorts(Stacks.tempDir("twobrains-drain"))
                .with(Map.of("twobrains.chat.demo-token-delay", "200ms", "twobrains.chat.drain-timeout", "90s")), false);
        String user = "drain-" + UUID.randomUUID();
        ApiClient client = Stacks.client(stack, user);
        SseStream reply = client.stream("POST", "/api/chat", FollowerLimitIT.chat("drain", LONG_TEXT));
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.next()).contains("\"start\"");
        assertThat(reply.next()).as("the reply is under way").isNotNull();

        Thread stopping = new Thread(stack::stopNode, "stop-node");
        stopping.start();

        ApiClient.Response refused = untilRefused(client);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(refused.header("Retry-After")).isNotBlank();
        assertThat(refused.json().get("detail").asString()).contains("shutting down");
        List<String> rest = reply.rest();
        assertThat(rest).as("the reply ran to its end").anyMatch(chunk -> chunk.contains("\"type\":\"finish\""));
        assertThat(rest).noneMatch(chunk -> chunk.contains("\"type\":\"error\""));
        stopping.join(Duration.ofMinutes(2).toMillis());
        assertThat(stopping.isAlive()).as("the node stopped once drained").isFalse();

        assertThat(Stacks.events(stack, user)).as("the reply was saved before the node stopped")
                .anyMatch(event -> event.payload() instanceof GenerationCompleted completed
                        && completed.finishReason().equals("stop"))
                .anyMatch(event -> event.payload() instanceof MessageAppended appended
                        && appended.role() == Role.ASSISTANT);
    }

    /**
     * A chat with an empty body is a 400 while the node takes chats, and a 503 once it drains (the
     * drain refuses before reading the body): asks until it is the 503.
     */
    private static ApiClient.Response untilRefused(ApiClient client) throws InterruptedException {
        for (long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos(); System.nanoTime() < deadline; ) {
            ApiClient.Response answer = client.post("/api/chat", Map.of());
            if (answer.status() == 503) {
                return answer;
            }
            assertThat(answer.status()).as(answer.text()).isEqualTo(400);
            Thread.sleep(50);
        }
        throw new AssertionError("the stopping node never refused a new chat");
    }
}
