package io.twobrains.local;

import static io.twobrains.local.ConversationApiIT.message;
import static org.assertj.core.api.Assertions.assertThat;

import io.twobrains.contract.event.GenerationCancelled;
import io.twobrains.contract.json.ChatJson;
import io.twobrains.testkit.ApiClient;
import io.twobrains.testkit.ApiClient.Response;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * An isolation sweep: user A owns real data full of canaries; user B sends every endpoint of the API
 * A's ids. B gets 404 or 403 (or exactly what an id nobody owns gets), never a byte of A's data, and
 * A's data reads back byte-identical afterwards. The endpoints come from the controllers themselves,
 * so a new endpoint fails this test until the sweep covers it.
 */
class IsolationIT {

    private static final Set<Integer> NOT_FOUND_OR_FORBIDDEN = Set.of(403, 404);

    /** One request of B's, and the statuses it may get. */
    record Attack(String method, String path, Object body, Map<String, String> headers, Set<Integer> allowed) {

        static Attack of(String method, String path, Object body, Integer... allowed) {
            return new Attack(method, path, body, Map.of(), allowed.length == 0 ? NOT_FOUND_OR_FORBIDDEN : Set.of(allowed));
        }

        Attack withHeader(String name, String value) {
            return new Attack(method, path, body, Map.of(name, value), allowed);
        }

        Response sendAs(ApiClient client) {
            ApiClient withHeaders = client;
            for (Map.Entry<String, String> header : headers.entrySet()) {
                withHeaders = withHeaders.withHeader(header.getKey(), header.getValue());
            }
            return withHeaders.send(method, path, body);
        }

        /** What B itself put into the request: an answer may echo that without leaking anything. */
        String sent() {
            return path + " " + (body == null ? "" : ChatJson.MAPPER.writeValueAsString(body))
                    + " " + headers.values();
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    @Test
    void anotherUserGetsOnly404Or403AndNotOneByteOfTheOwnersData() {
        LocalStack stack = Stacks.shared();
        Set<String> endpoints = ApiEndpoints.all();
        OwnerData a = OwnerData.create(stack, "iso-a-" + UUID.randomUUID());
        OwnerData.Ids unknown = a.ids().unknownTwin();
        String b = "iso-b-" + UUID.randomUUID();
        ApiClient apiB = Stacks.client(stack, b);
        List<Attack> probes = probes(a.ids());
        List<Attack> creations = creations(a.ids());
        Set<String> covered = new LinkedHashSet<>();
        for (Attack attack : concat(probes, creations)) {
            covered.add(ApiEndpoints.matching(endpoints, attack.method(), attack.path()));
        }
        assertThat(covered).as("every request of the sweep reaches an endpoint").doesNotContainNull();
        assertThat(covered).as("every endpoint of the controllers is in the sweep").containsAll(endpoints);

        // While a reply of A's runs, B can neither follow nor stop it.
        a.whileAReplyRuns(() -> {
            assertSafe(apiB, a, Attack.of("GET", "/api/chat/" + a.ids().chat() + "/stream", null, 204));
            assertSafe(apiB, a, Attack.of("POST", "/api/chat/" + a.ids().chat() + "/stop", null, 204));
        });
        assertThat(Stacks.events(stack, a.user())).noneMatch(e -> e.payload() instanceof GenerationCancelled);
        int seq = Stacks.events(stack, a.user()).size();
        Map<String, String> before = a.snapshot(seq);

        List<Attack> unknownProbes = probes(unknown);
        for (int i = 0; i < probes.size(); i++) {
            Response answer = assertSafe(apiB, a, probes.get(i));
            assertThat(answer.status()).as("%s answers as for an id nobody owns (no oracle)", probes.get(i))
                    .isEqualTo(unknownProbes.get(i).sendAs(apiB).status());
        }
        assertBOwnsNothing(apiB, stack);
        for (Attack creation : creations) {
            Response answer = assertSafe(apiB, a, creation);
            if (creation.path().equals("/api/chat")) {
                assertThat(streamedText(answer)).as("B's reply knows only B's message").contains("It is message 1 of")
                        .doesNotContain("It is message 2");
            }
        }

        assertThat(Stacks.events(stack, a.user())).as("A's events after all of B's requests").hasSize(seq);
        assertThat(a.snapshot(seq)).as("A's data after all of B's requests").isEqualTo(before);
    }

    /** B's reads and writes aimed at A's ids: each gets what an id nobody owns gets. */
    private static List<Attack> probes(OwnerData.Ids ids) {
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        List<Attack> attacks = new ArrayList<>();
        for (String conversation : List.of(ids.conversation(), ids.chat())) {
            attacks.add(Attack.of("GET", "/api/conversations/" + conversation, null));
            attacks.add(Attack.of("GET", "/api/conversations/" + conversation + "/messages", null));
            attacks.add(Attack.of("GET", "/api/conversations/" + conversation + "/messages?limit=1&before="
                    + ids.messagesCursor(), null));
            attacks.add(Attack.of("PATCH", "/api/conversations/" + conversation, Map.of("title", "b was here")));
            attacks.add(Attack.of("POST", "/api/conversations/" + conversation + "/messages", message(null, "user", "b")));
            attacks.add(Attack.of("DELETE", "/api/conversations/" + conversation, null));
            attacks.add(Attack.of("GET", "/api/chat/" + conversation + "/stream", null, 204));
            attacks.add(Attack.of("POST", "/api/chat/" + conversation + "/stop", null, 204));
            attacks.add(Attack.of("POST", "/api/chat", Map.of("id", conversation, "trigger", "regenerate-message",
                    "messageId", ids.reply(), "model", "demo", "messages", List.of())));
            attacks.add(Attack.of("POST", "/api/chat", Map.of("id", conversation, "trigger", "regenerate-message",
                    "model", "demo", "messages", List.of())));
        }
        attacks.add(Attack.of("GET", "/api/conversations?limit=1&cursor=" + ids.listCursor(), null, 200, 400));
        attacks.add(Attack.of("PATCH", "/api/mcp-servers/" + ids.server(), Map.of("name", "b was here")));
        attacks.add(Attack.of("PATCH", "/api/mcp-servers/" + ids.server(), Map.of("enabled", false)));
        attacks.add(Attack.of("DELETE", "/api/mcp-servers/" + ids.server(), null));
        // A settings change naming A's server is refused like any unknown server id (400 INVALID).
        attacks.add(Attack.of("PATCH", "/api/settings", Map.of("enabledMcpServers", List.of(ids.server())), 400));
        attacks.add(Attack.of("DELETE", "/api/settings/api-keys/openai", null));
        attacks.add(Attack.of("GET", "/api/admin/analytics?from=" + today, null));
        attacks.add(Attack.of("POST", "/api/admin/content-keys/purge", null));
        attacks.add(Attack.of("POST", "/api/admin/content-keys/reseal", null));
        attacks.add(Attack.of("GET", "/api/me", null, 200));
        for (String list : List.of("/api/conversations", "/api/settings", "/api/mcp-servers", "/api/models", "/api/usage",
                "/api/usage/stats?from=" + today)) {
            attacks.add(Attack.of("GET", list, null, 200));
        }
        return attacks;
    }

    /** B's writes that create with A's ids make B's own things (never a 409 that tells A's exist); then B leaves. */
    private static List<Attack> creations(OwnerData.Ids ids) {
        return List.of(
                Attack.of("POST", "/api/conversations", Map.of("id", ids.conversation(), "title", "b's own"), 201)
                        .withHeader("Idempotency-Key", ids.idempotencyKey()),
                Attack.of("POST", "/api/conversations/" + ids.conversation() + "/messages",
                        message(ids.message(), "user", "b's words"), 201),
                Attack.of("POST", "/api/mcp-servers", Map.of("id", ids.server(), "name", "b's server",
                        "url", "https://203.0.113.7/mcp", "transport", "http"), 201),
                Attack.of("PUT", "/api/settings/api-keys/openai", Map.of("key", "sk-b-own-key-0000"), 204),
                Attack.of("POST", "/api/chat", Map.of("id", ids.chat(), "model", "demo", "trigger", "submit-message",
                        "messages", List.of(message(null, "user", "b asks"))), 200),
                Attack.of("DELETE", "/api/account", null, 202));
    }

    /** B's own lists are B's: empty, and the models are exactly a newcomer's. */
    private static void assertBOwnsNothing(ApiClient apiB, LocalStack stack) {
        assertThat(apiB.get("/api/conversations").json().get("items").isEmpty()).isTrue();
        assertThat(apiB.get("/api/mcp-servers").json().isEmpty()).isTrue();
        Response settings = apiB.get("/api/settings");
        assertThat(settings.json().get("apiKeys").isEmpty()).isTrue();
        assertThat(settings.json().get("enabledMcpServers").isEmpty()).isTrue();
        assertThat(apiB.get("/api/usage").json().get("daily").get("used").asLong()).isZero();
        assertThat(apiB.get("/api/models").text())
                .isEqualTo(Stacks.client(stack, "iso-newcomer-" + UUID.randomUUID()).get("/api/models").text());
    }

    private static Response assertSafe(ApiClient apiB, OwnerData a, Attack attack) {
        Response answer = attack.sendAs(apiB);
        assertThat(answer.status()).as("%s answered %s", attack, answer).isIn(attack.allowed());
        if (answer.status() >= 400) {
            assertThat(answer.header("Content-Type")).as("%s", attack).startsWith("application/problem+json");
        }
        String sent = attack.sent();
        StringBuilder everything = new StringBuilder(answer.text());
        answer.headers().forEach((name, values) -> everything.append('\n').append(name).append(": ").append(values));
        for (String canary : a.canaries()) {
            if (!sent.contains(canary)) {
                assertThat(everything.toString()).as("%s leaks A's %s", attack, canary).doesNotContain(canary);
            }
        }
        return answer;
    }

    /** The text of a streamed reply: its text deltas, joined. */
    private static String streamedText(Response answer) {
        StringBuilder text = new StringBuilder();
        for (String line : answer.text().split("\n")) {
            String data = line.startsWith("data:") ? line.substring("data:".length()).strip() : "";
            if (data.startsWith("{")) {
                JsonNode chunk = ChatJson.MAPPER.readTree(data);
                if (chunk.path("type").asString("").equals("text-delta")) {
                    text.append(chunk.get("delta").asString());
                }
            }
        }
        return text.toString();
    }

    private static List<Attack> concat(List<Attack> first, List<Attack> second) {
        List<Attack> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }
}
