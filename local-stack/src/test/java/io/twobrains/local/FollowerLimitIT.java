package io.twobrains.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.twobrains.testkit.ApiClient;
import io.twobrains.testkit.SseStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Followers of replies ({@code GET /api/chat/{id}/stream}) are capped per user: one beyond the cap
 * is refused with a 429 problem that says why, and a follower that goes away frees its place.
 */
class FollowerLimitIT {

    private static final int CAP = 3;
    private static final String LONG_TEXT = "please keep talking for a while ".repeat(40).trim();

    private LocalStack stack;
    private final List<SseStream> open = new ArrayList<>();

    @AfterEach
    void stop() {
        open.forEach(SseStream::close);
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void aUserFollowsAtMostTheConfiguredNumberOfRepliesAtOnce() throws InterruptedException {
        stack = LocalStack.start(LocalStackSettings.freePorts(Stacks.tempDir("twobrains-followers"))
                .with(Map.of("twobrains.chat.demo-token-delay", "250ms",
                        "twobrains.chat.max-followers-per-user", CAP)), false);
        ApiClient client = Stacks.client(stack, "follower-" + UUID.randomUUID());
        SseStream reply = keep(client.stream("POST", "/api/chat", chat("slow", LONG_TEXT)));
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.next()).contains("\"start\"");

        for (int i = 0; i < CAP; i++) {
            SseStream follower = keep(client.stream("GET", "/api/chat/slow/stream", null));
            assertThat(follower.status()).as("follower %d", i + 1).isEqualTo(200);
            assertThat(follower.next()).contains("\"start\"");
        }
        ApiClient.Response refused = client.get("/api/chat/slow/stream");

        assertThat(refused.status()).as(refused.text()).isEqualTo(429);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(refused.json().get("limitType").asString()).isEqualTo("followers");
        assertThat(refused.json().get("detail").asString()).contains("at most " + CAP);
        assertThat(refused.header("Retry-After")).isNotBlank();

        open.remove(1).close();
        SseStream again = null;
        for (long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos(); System.nanoTime() < deadline; ) {
            SseStream attempt = client.stream("GET", "/api/chat/slow/stream", null);
            if (attempt.status() == 200) {
                again = keep(attempt);
                break;
            }
            attempt.close();
            Thread.sleep(100);
        }
        assertThat(again).as("a follower that went away frees its place").isNotNull();
        assertThat(again.next()).contains("\"start\"");
        assertThat(client.post("/api/chat/slow/stop", null).status()).isEqualTo(204);
    }

    private SseStream keep(SseStream stream) {
        open.add(stream);
        return stream;
    }

    static Map<String, Object> chat(String conversationId, String text) {
        return Map.of("id", conversationId, "messages", List.of(Map.of("id", "m-" + UUID.randomUUID(), "role", "user",
                "parts", List.of(Map.of("type", "text", "text", text)))), "trigger", "submit-message");
    }
}
