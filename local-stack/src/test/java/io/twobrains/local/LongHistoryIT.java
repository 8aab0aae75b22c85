package io.twobrains.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.twobrains.testkit.ApiClient;
import io.twobrains.testkit.ApiClient.Response;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** A long history pages completely: every message exactly once, in order, no gaps, at any length. */
class LongHistoryIT {

    private static final int MESSAGES = 10_000;

    @Test
    void aTenThousandMessageConversationPagesCompletelyAndInOrder() throws Exception {
        LocalStack stack = Stacks.shared();
        ApiClient api = Stacks.client(stack, "long-" + UUID.randomUUID());
        api.post("/api/conversations", Map.of("id", "long"));

        // Appended concurrently; the processor orders them, and X-Chat-Seq says in which order.
        TreeMap<Long, String> bySeq = new TreeMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(32);
        List<Future<Response>> answers = new ArrayList<>();
        for (int i = 0; i < MESSAGES; i++) {
            String id = "m" + i;
            answers.add(pool.submit(() -> api.post("/api/conversations/long/messages",
                    ConversationApiIT.message(id, "user", "message " + id))));
        }
        for (Future<Response> answer : answers) {
            Response response = answer.get();
            assertThat(response.status()).as(response.text()).isEqualTo(201);
            bySeq.put(response.seq(), response.json().get("id").asString());
        }
        pool.shutdown();
        List<String> expected = new ArrayList<>(bySeq.values());

        List<String> paged = new ArrayList<>();
        ApiClient reader = api.withHeader("X-Chat-Min-Seq", Long.toString(bySeq.lastKey()));
        String cursor = null;
        int pages = 0;
        do {
            Response page = reader.get("/api/conversations/long/messages?limit=200"
                    + (cursor == null ? "" : "&before=" + cursor));
            assertThat(page.status()).isEqualTo(200);
            List<String> ids = new ArrayList<>();
            for (JsonNode item : page.json().get("items")) {
                ids.add(item.get("id").asString());
            }
            assertThat(ids).hasSizeLessThanOrEqualTo(200);
            Collections.reverse(ids);
            paged.addAll(ids);
            JsonNode next = page.json().get("nextCursor");
            cursor = next.isNull() ? null : next.asString();
            pages++;
        } while (cursor != null);

        Collections.reverse(paged);
        assertThat(pages).isEqualTo(MESSAGES / 200);
        assertThat(paged).hasSize(MESSAGES).doesNotHaveDuplicates();
        assertThat(paged).containsExactlyElementsOf(expected);
        assertThat(api.get("/api/conversations/long").json().get("messageCount").asLong()).isEqualTo(MESSAGES);
    }
}
