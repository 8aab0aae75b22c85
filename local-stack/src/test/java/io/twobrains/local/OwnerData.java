package io.twobrains.local;

import static io.twobrains.local.ConversationApiIT.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.twobrains.contract.json.ChatJson;
import io.twobrains.testkit.ApiClient;
import io.twobrains.testkit.ApiClient.Response;
import io.twobrains.testkit.SseStream;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A user with real data of every kind, each piece carrying a canary: a conversation with a title and a
 * message, a chat reply on the demo model (auto-titled), an MCP server with a secret header, settings
 * naming it, and a provider key. What another user must never see, or change.
 */
record OwnerData(String user, ApiClient api, Ids ids, List<String> canaries) {

    /** The ids another user could aim at. */
    record Ids(String conversation, String chat, String message, String reply, String server, String listCursor,
            String messagesCursor, String idempotencyKey) {

        /** The same shape of request with ids nobody owns: what "not found" looks like. */
        Ids unknownTwin() {
            String nobody = "nobody-" + UUID.randomUUID().toString().substring(0, 8);
            return new Ids(nobody + "-c", nobody + "-chat", nobody + "-m", "a" + nobody, nobody + "-s", listCursor,
                    messagesCursor, nobody + "-key");
        }
    }

    static OwnerData create(LocalStack stack, String user) {
        String tag = UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        ApiClient api = Stacks.client(stack, user);
        String conversation = "conv-" + tag;
        String chat = "chat-" + tag;
        String message = "msg-" + tag;
        String question = "q-" + tag;
        String server = "srv-" + tag;
        String key = "key-" + tag;
        String title = "Title canary " + tag;
        String words = "message canary " + tag;
        String chatWords = "Zebracanary " + tag + " asks about tides";
        String serverName = "Server canary " + tag;
        String header = "header-canary-" + tag;
        String providerKey = "sk-canary-" + tag;

        assertThat(api.withHeader("Idempotency-Key", key)
                .post("/api/conversations", Map.of("id", conversation, "title", title)).status()).isEqualTo(201);
        assertThat(api.post("/api/conversations/" + conversation + "/messages", message(message, "user", words)).status())
                .isEqualTo(201);
        String reply;
        try (SseStream stream = api.stream("POST", "/api/chat", turn(chat, question, chatWords))) {
            assertThat(stream.status()).isEqualTo(200);
            reply = ChatJson.MAPPER.readTree(stream.next()).get("messageId").asString();
            assertThat(stream.rest()).last().isEqualTo("[DONE]");
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> !api.get("/api/conversations/" + chat).json().get("title").isNull());
        assertThat(api.post("/api/mcp-servers", Map.of("id", server, "name", serverName, "url", "https://203.0.113.9/mcp",
                "transport", "http", "headers", Map.of("X-Canary", header))).status()).isEqualTo(201);
        assertThat(api.patch("/api/settings", Map.of("theme", "dark", "enabledMcpServers", List.of(server))).status())
                .isEqualTo(200);
        assertThat(api.send("PUT", "/api/settings/api-keys/openai", Map.of("key", providerKey)).status()).isEqualTo(204);
        String listCursor = api.get("/api/conversations?limit=1").json().get("nextCursor").asString();
        String messagesCursor = api.get("/api/conversations/" + chat + "/messages?limit=1").json().get("nextCursor").asString();
        String autoTitle = api.get("/api/conversations/" + chat).json().get("title").asString();

        Ids ids = new Ids(conversation, chat, message, reply, server, listCursor, messagesCursor, key);
        return new OwnerData(user, api, ids, List.of(user, conversation, chat, message, question, reply, server, key, title,
                words, chatWords, "Zebracanary", tag, autoTitle, serverName, header, providerKey, listCursor, messagesCursor));
    }

    /** Runs {@code action} while a reply of this user streams, then checks that the reply ran to its end. */
    void whileAReplyRuns(Runnable action) {
        try (SseStream stream = api.stream("POST", "/api/chat", turn(ids.chat(), "q2-" + UUID.randomUUID(),
                "a second question to keep the demo model busy for a while"))) {
            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.next()).contains("\"start\"");
            action.run();
            List<String> rest = stream.rest();
            assertThat(rest).last().isEqualTo("[DONE]");
            assertThat(rest.get(rest.size() - 2)).contains("\"finish\"");
        }
    }

    /** Every read of this user's data as of {@code seq}: status and body, byte for byte. */
    Map<String, String> snapshot(long seq) {
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        ApiClient reader = api.withHeader("X-Chat-Min-Seq", Long.toString(seq));
        Map<String, String> reads = new LinkedHashMap<>();
        for (String path : List.of("/api/conversations", "/api/conversations/" + ids.conversation(),
                "/api/conversations/" + ids.conversation() + "/messages", "/api/conversations/" + ids.chat(),
                "/api/conversations/" + ids.chat() + "/messages", "/api/settings", "/api/mcp-servers", "/api/models",
                "/api/usage", "/api/usage/stats?from=" + today)) {
            Response answer = reader.get(path);
            assertThat(answer.status()).as(path).isEqualTo(200);
            reads.put(path, answer.text());
        }
        return reads;
    }

    private static Map<String, Object> turn(String conversation, String messageId, String text) {
        return Map.of("id", conversation, "model", "demo", "trigger", "submit-message",
                "messages", List.of(message(messageId, "user", text)));
    }
}
