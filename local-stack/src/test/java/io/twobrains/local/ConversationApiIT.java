package io.twobrains.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.twobrains.contract.event.EventEnvelope;
import io.twobrains.testkit.ApiClient;
import io.twobrains.testkit.ApiClient.Response;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Every conversation and message endpoint, through the door, on the real stack with real tokens. */
class ConversationApiIT {

    private static LocalStack stack;

    @BeforeAll
    static void start() {
        stack = Stacks.shared();
    }

    private static String newUser() {
        return "user-" + UUID.randomUUID();
    }

    @Test
    void aConversationCanBeStartedReadRenamedAndDeleted() {
        ApiClient api = Stacks.client(stack, newUser());

        Response created = api.post("/api/conversations", Map.of("id", "trip", "title", "Trip plans"));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header("Location")).isEqualTo("/api/conversations/trip");
        assertThat(created.json().get("title").asString()).isEqualTo("Trip plans");
        assertThat(created.json().get("messageCount").asLong()).isZero();
        long seq = created.seq();

        Response read = api.withHeader("X-Chat-Min-Seq", Long.toString(seq)).get("/api/conversations/trip");
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().get("id").asString()).isEqualTo("trip");
        assertThat(read.seq()).isGreaterThanOrEqualTo(seq);

        Response renamed = api.patch("/api/conversations/trip", Map.of("title", "Lisbon in May"));
        assertThat(renamed.status()).isEqualTo(200);
        assertThat(renamed.json().get("title").asString()).isEqualTo("Lisbon in May");
        assertThat(renamed.seq()).isEqualTo(seq + 1);

        Response deleted = api.delete("/api/conversations/trip");
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(deleted.seq()).isEqualTo(seq + 2);
        Response gone = api.withHeader("X-Chat-Min-Seq", Long.toString(deleted.seq())).get("/api/conversations/trip");
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.header("Content-Type")).startsWith("application/problem+json");
        assertThat(api.delete("/api/conversations/trip").status()).isEqualTo(404);
        assertThat(api.patch("/api/conversations/trip", Map.of("title", "x")).status()).isEqualTo(404);
    }

    @Test
    void aConversationWithoutIdOrTitleGetsAnIdAndNoTitle() {
        ApiClient api = Stacks.client(stack, newUser());

        Response created = api.post("/api/conversations", "{}");

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("id").asString()).matches("[A-Za-z0-9_-]{1,64}");
        assertThat(created.json().has("title")).isFalse();
    }

    @Test
    void messagesAreAppendedAndReadBackInOrder() {
        ApiClient api = Stacks.client(stack, newUser());
        api.post("/api/conversations", Map.of("id", "c1"));

        Response first = api.post("/api/conversations/c1/messages", message("m1", "user", "Hello"));
        Response second = api.post("/api/conversations/c1/messages",
                Map.of("role", "assistant", "parts", List.of(Map.of("type", "text", "text", "Hi!"))));

        assertThat(first.status()).isEqualTo(201);
        assertThat(first.json().get("id").asString()).isEqualTo("m1");
        assertThat(first.json().get("parts").get(0).get("text").asString()).isEqualTo("Hello");
        assertThat(second.status()).isEqualTo(201);
        String generatedId = second.json().get("id").asString();
        Response page = api.withHeader("X-Chat-Min-Seq", Long.toString(second.seq())).get("/api/conversations/c1/messages");
        assertThat(page.status()).isEqualTo(200);
        assertThat(ids(page.json().get("items"))).containsExactly("m1", generatedId);
        assertThat(page.json().get("items").get(1).get("role").asString()).isEqualTo("assistant");
        assertThat(page.json().get("nextCursor").isNull()).isTrue();
        Response conversation = api.get("/api/conversations/c1");
        assertThat(conversation.json().get("messageCount").asLong()).isEqualTo(2);
    }

    @Test
    void conversationsAreListedMostRecentlyUpdatedFirstAndPaged() {
        ApiClient api = Stacks.client(stack, newUser());
        for (String id : List.of("a", "b", "c")) {
            api.post("/api/conversations", Map.of("id", id));
        }
        long seq = api.post("/api/conversations/a/messages", message("m", "user", "bump")).seq();

        ApiClient reader = api.withHeader("X-Chat-Min-Seq", Long.toString(seq));
        Response firstPage = reader.get("/api/conversations?limit=2");
        assertThat(ids(firstPage.json().get("items"))).containsExactly("a", "c");
        Response secondPage = reader.get("/api/conversations?limit=2&cursor=" + firstPage.json().get("nextCursor").asString());
        assertThat(ids(secondPage.json().get("items"))).containsExactly("b");
        assertThat(secondPage.json().get("nextCursor").isNull()).isTrue();
    }

    @Test
    void usersAreIsolatedFromEachOther() {
        String alice = newUser();
        ApiClient aliceApi = Stacks.client(stack, alice);
        ApiClient bobApi = Stacks.client(stack, newUser());
        aliceApi.post("/api/conversations", Map.of("id", "secret", "title", "Alice's secret"));
        long aliceSeq = aliceApi.post("/api/conversations/secret/messages", message("m1", "user", "for Alice only")).seq();

        Response bobReads = bobApi.get("/api/conversations/secret");
        Response unknown = bobApi.get("/api/conversations/never-existed");
        assertThat(bobReads.status()).isEqualTo(404);
        assertThat(bobReads.json().get("detail").asString())
                .isEqualTo(unknown.json().get("detail").asString().replace("never-existed", "secret"));
        assertThat(bobApi.get("/api/conversations/secret/messages").status()).isEqualTo(404);
        assertThat(bobApi.post("/api/conversations/secret/messages", message("m2", "user", "hi")).status()).isEqualTo(404);
        assertThat(bobApi.patch("/api/conversations/secret", Map.of("title", "mine")).status()).isEqualTo(404);
        assertThat(bobApi.delete("/api/conversations/secret").status()).isEqualTo(404);
        assertThat(bobApi.get("/api/conversations").json().get("items")).isEmpty();
        assertThat(bobApi.get("/api/conversations").text()).doesNotContain("secret");

        Response aliceStill = aliceApi.withHeader("X-Chat-Min-Seq", Long.toString(aliceSeq)).get("/api/conversations/secret");
        assertThat(aliceStill.json().get("title").asString()).isEqualTo("Alice's secret");
        assertThat(aliceStill.json().get("messageCount").asLong()).isEqualTo(1);
        assertThat(aliceStill.seq()).isEqualTo(aliceSeq);
    }

    @Test
    void theSameIdempotencyKeyWithTheSameBodyGetsTheSameAnswerAndOneEvent() {
        String user = newUser();
        ApiClient api = Stacks.client(stack, user);
        api.post("/api/conversations", Map.of("id", "c1"));
        ApiClient retrying = api.withHeader("Idempotency-Key", "append-1");

        Response first = retrying.post("/api/conversations/c1/messages", message(null, "user", "only once"));
        Response again = retrying.post("/api/conversations/c1/messages", message(null, "user", "only once"));

        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.json()).isEqualTo(first.json());
        assertThat(again.seq()).isEqualTo(first.seq());
        List<EventEnvelope> events = Stacks.events(stack, user);
        assertThat(events.stream().filter(e -> e.type().equals("MessageAppended"))).hasSize(1);
        assertThat(events).extracting(EventEnvelope::seq).containsExactly(1L, 2L);
    }

    @Test
    void theSameIdempotencyKeyWithAnotherBodyIsRefused() {
        String user = newUser();
        ApiClient api = Stacks.client(stack, user);
        api.post("/api/conversations", Map.of("id", "c1"));
        ApiClient retrying = api.withHeader("Idempotency-Key", "append-2");
        long seq = retrying.post("/api/conversations/c1/messages", message(null, "user", "first")).seq();

        Response changed = retrying.post("/api/conversations/c1/messages", message(null, "user", "second"));

        assertThat(changed.status()).isEqualTo(422);
        assertThat(changed.header("Content-Type")).startsWith("application/problem+json");
        assertThat(changed.json().get("code").asString()).isEqualTo("IDEMPOTENCY_MISMATCH");
        assertThat(Stacks.events(stack, user)).extracting(EventEnvelope::seq).containsExactly(1L, seq);
    }

    @Test
    void aDuplicateIdIsAConflict() {
        ApiClient api = Stacks.client(stack, newUser());
        api.post("/api/conversations", Map.of("id", "dup"));
        api.post("/api/conversations/dup/messages", message("m1", "user", "x"));

        Response conversation = api.post("/api/conversations", Map.of("id", "dup"));
        Response message = api.post("/api/conversations/dup/messages", message("m1", "user", "y"));

        assertThat(conversation.status()).isEqualTo(409);
        assertThat(conversation.json().get("code").asString()).isEqualTo("ALREADY_EXISTS");
        assertThat(message.status()).isEqualTo(409);
    }

    @Test
    void theOpenApiDocumentsOfBothApisAndTheirUiAreServedByTheDoor() {
        ApiClient anonymous = new ApiClient(stack.doorUrl(), null);

        Response writes = anonymous.get("/v3/api-docs/command-api");
        Response reads = anonymous.get("/v3/api-docs/query-api");

        assertThat(writes.status()).isEqualTo(200);
        assertThat(writes.json().get("paths").has("/api/conversations/{id}/messages")).isTrue();
        assertThat(reads.status()).isEqualTo(200);
        assertThat(reads.json().get("paths").has("/api/conversations/{id}/messages")).isTrue();
        assertThat(anonymous.get("/swagger-ui/index.html").status()).isEqualTo(200);
        assertThat(anonymous.get("/v3/api-docs/swagger-config").text())
                .contains("/v3/api-docs/command-api", "/v3/api-docs/query-api");
    }

    static Map<String, Object> message(String id, String role, String text) {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        if (id != null) {
            body.put("id", id);
        }
        body.put("role", role);
        body.put("parts", List.of(Map.of("type", "text", "text", text)));
        return body;
    }

    static List<String> ids(JsonNode items) {
        List<String> ids = new java.util.ArrayList<>();
        items.forEach(item -> ids.add(item.get("id").asString()));
        return ids;
    }
}
