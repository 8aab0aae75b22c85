package io.twobrains.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.twobrains.contract.json.ChatJson;
import io.twobrains.testkit.ApiClient;
import io.twobrains.testkit.SseStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

/**
 * Replies across nodes. A reply runs on the node that holds its user, whichever node the client asks:
 * streams, follows and stops are sent there. When the user's partition moves while the reply runs,
 * the reply goes on where it started, is followed and stopped from the node that holds the user now
 * (through {@code chat.deltas} and {@code chat.control}), and is saved by that node's processor.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RepliesAcrossNodesIT {

    /** The demo model repeats it: with a slow model the reply outlasts the move of its partition. */
    private static final String LONG_TEXT = "please keep talking for a while ".repeat(30).trim();

    private static LocalStack stack;
    private static MovedReplies replies;

    @BeforeAll
    static void start() throws InterruptedException {
        stack = LocalStack.start(LocalStackSettings.freePorts(Stacks.tempDir("twobrains-across"))
                .with(Map.of("twobrains.chat.demo-token-delay", "700ms")), false);
        replies = MovedReplies.start(stack, "moved", 2, LONG_TEXT);
    }

    @AfterAll
    static void stop() {
        if (replies != null) {
            replies.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(2)
    void aReplyWhoseUserMovedIsFollowedWholeFromTheLogAndSavedWhereTheUserIsNow() {
        MovedReplies.Moved moved = replies.moved().get(0);
        ApiClient there = replies.atSecondNode(stack, moved.user());

        List<JsonNode> followed;
        try (SseStream follower = MovedReplies.untilSettled(
                () -> there.stream("GET", "/api/chat/" + moved.conversation() + "/stream", null), SseStream::status)) {
            assertThat(follower.status()).isEqualTo(200);
            followed = chunks(follower.rest());
        }
        List<JsonNode> original = chunks(moved.stream().rest());

        assertThat(followed.get(0).get("type").asString()).isEqualTo("start");
        assertThat(followed.get(followed.size() - 1).get("type").asString()).as("saved, then finished").isEqualTo("finish");
        assertThat(text(followed)).isEqualTo(text(original)).contains("please keep talking");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(lastMessage(there, moved.conversation()))
                .isEqualTo(text(followed)));
    }

    /** First: the moved replies all started together, and the one that is followed is read to its end. */
    @Test
    @Order(1)
    void aReplyWhoseUserMovedIsStoppedFromTheNodeThatHoldsTheUserNow() {
        MovedReplies.Moved moved = replies.moved().get(replies.moved().size() - 1);
        ApiClient there = replies.atSecondNode(stack, moved.user());
        assertThat(moved.stream().next()).as("still running").doesNotContain("\"finish\"");

        assertThat(MovedReplies.untilSettled(() -> there.post("/api/chat/" + moved.conversation() + "/stop", null),
                ApiClient.Response::status).status()).isEqualTo(204);

        List<String> rest = moved.stream().rest();
        assertThat(rest).anyMatch(chunk -> chunk.contains("\"abort\""));
        String partial = text(chunks(rest));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(lastMessage(there, moved.conversation()))
                .as("what was produced is kept").isEqualTo(partial));
    }

    @Test
    @Order(3)
    void aReplyRunsOnTheNodeThatHoldsItsUserAndIsFollowedAndStoppedThroughEitherNode() {
        int second = replies.secondInternalPort();
        String user = NodeCrashIT.usersOnEveryPartition("held-there", stack.settings().partitions(), 3).stream()
                .filter(candidate -> replies.holder(candidate) == second).findFirst().orElseThrow();
        ApiClient here = Stacks.client(stack, user);

        try (SseStream running = here.stream("POST", "/api/chat", Map.of("id", "c", "messages", List.of(Map.of("id",
                "u1", "role", "user", "parts", List.of(Map.of("type", "text", "text", LONG_TEXT)))),
                "trigger", "submit-message"))) {
            assertThat(running.status()).isEqualTo(200);
            assertThat(running.next()).contains("\"start\"");
            try (SseStream follower = here.stream("GET", "/api/chat/c/stream", null)) {
                assertThat(follower.next()).as("followed from its first chunk").contains("\"start\"");
                assertThat(here.post("/api/chat/c/stop", null).status()).isEqualTo(204);
                assertThat(follower.rest()).anyMatch(chunk -> chunk.contains("\"abort\""));
            }
            assertThat(running.rest()).anyMatch(chunk -> chunk.contains("\"abort\""));
        }
    }

    private static List<JsonNode> chunks(List<String> data) {
        List<JsonNode> chunks = new ArrayList<>();
        for (String payload : data) {
            if (!payload.equals("[DONE]")) {
                JsonNode chunk = ChatJson.MAPPER.readTree(payload);
                UiStreamProtocol.assertConforms(chunk);
                chunks.add(chunk);
            }
        }
        return chunks;
    }

    private static String text(List<JsonNode> chunks) {
        StringBuilder text = new StringBuilder();
        chunks.stream().filter(c -> c.get("type").asString().equals("text-delta"))
                .forEach(c -> text.append(c.get("delta").asString()));
        return text.toString();
    }

    private static String lastMessage(ApiClient api, String conversation) {
        JsonNode items = api.get("/api/conversations/" + conversation + "/messages").json().get("items");
        JsonNode last = items.get(items.size() - 1);
        assertThat(last.get("role").asString()).isEqualTo("assistant");
        StringBuilder text = new StringBuilder();
        last.get("parts").forEach(part -> {
            if (part.get("type").asString().equals("text")) {
                text.append(part.get("text").asString());
            }
        });
        return text.toString();
    }
}
