package io.twobrains.local;

import static io.twobrains.local.ConversationApiIT.message;
import static org.assertj.core.api.Assertions.assertThat;

import io.twobrains.testkit.ApiClient;
import io.twobrains.testkit.ApiClient.Response;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** What was acknowledged survives a restart, and a rebuild from chat.events alone gives the same answers. */
class DurabilityIT {

    private static final List<String> USERS = List.of("ada", "grace", "linus");

    private LocalStack stack;

    @AfterEach
    void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void acknowledgedDataSurvivesARestartOfTheWholeStack() {
        LocalStackSettings settings = LocalStackSettings.freePorts(Stacks.tempDir("twobrains-restart"));
        stack = LocalStack.start(settings, false);
        Map<String, Long> seqs = writeHistories();
        Map<String, List<String>> before = answers(seqs);

        stack.close();
        stack = LocalStack.start(settings, false);

        assertThat(answers(seqs)).isEqualTo(before);
        ApiClient ada = Stacks.client(stack, "ada");
        assertThat(ada.post("/api/conversations/ada-0/messages", message(null, "user", "after restart")).seq())
                .isEqualTo(seqs.get("ada") + 1);
    }

    @Test
    void rebuildingFromTheEventLogAfterWipingTheStateAnswersExactlyAsBefore() throws IOException {
        LocalStackSettings settings = LocalStackSettings.freePorts(Stacks.tempDir("twobrains-rebuild"));
        stack = LocalStack.start(settings, false);
        Map<String, Long> seqs = writeHistories();
        Response keyed = Stacks.client(stack, "grace").withHeader("Idempotency-Key", "before-rebuild")
                .post("/api/conversations/grace-1/messages", message(null, "user", "keyed"));
        seqs.put("grace", keyed.seq());
        Map<String, List<String>> before = answers(seqs);

        stack.close();
        deleteRecursively(settings.dataDir().resolve("streams"));
        stack = LocalStack.start(settings, true);

        assertThat(answers(seqs)).isEqualTo(before);
        Response retried = Stacks.client(stack, "grace").withHeader("Idempotency-Key", "before-rebuild")
                .post("/api/conversations/grace-1/messages", message(null, "user", "keyed"));
        assertThat(retried.status()).isEqualTo(201);
        assertThat(retried.json()).isEqualTo(keyed.json());
        assertThat(Stacks.events(stack, "grace")).hasSize((int) keyed.seq());
    }

    /** A few users with conversations, messages, renames, deletes and rejections; returns each user's seq. */
    private Map<String, Long> writeHistories() {
        Map<String, Long> seqs = new LinkedHashMap<>();
        for (String user : USERS) {
            ApiClient api = Stacks.client(stack, user);
            long seq = 0;
            for (int c = 0; c < 3; c++) {
                String id = user + "-" + c;
                seq = api.post("/api/conversations", Map.of("id", id, "title", "Chat " + c)).seq();
                for (int m = 0; m < 25; m++) {
                    seq = api.post("/api/conversations/" + id + "/messages",
                            message(null, m % 2 == 0 ? "user" : "assistant", user + " says " + m)).seq();
                }
            }
            seq = api.patch("/api/conversations/" + user + "-1", Map.of("title", "Renamed")).seq();
            seq = api.delete("/api/conversations/" + user + "-2").seq();
            Response rejected = api.delete("/api/conversations/" + user + "-2");
            assertThat(rejected.status()).isEqualTo(404);
            seqs.put(user, rejected.seq());
        }
        return seqs;
    }

    /** Everything each user can read: the conversation list, every conversation, every page of messages. */
    private Map<String, List<String>> answers(Map<String, Long> seqs) {
        Map<String, List<String>> answers = new LinkedHashMap<>();
        for (String user : USERS) {
            ApiClient api = Stacks.client(stack, user).withHeader("X-Chat-Min-Seq", Long.toString(seqs.get(user)));
            List<String> texts = new ArrayList<>();
            Response list = api.get("/api/conversations?limit=200");
            texts.add(list.seq() + " " + list.text());
            for (JsonNode conversation : list.json().get("items")) {
                String id = conversation.get("id").asString();
                texts.add(api.get("/api/conversations/" + id).text());
                String cursor = null;
                do {
                    Response page = api.get("/api/conversations/" + id + "/messages?limit=10"
                            + (cursor == null ? "" : "&before=" + cursor));
                    texts.add(page.text());
                    cursor = page.json().get("nextCursor").isNull() ? null : page.json().get("nextCursor").asString();
                } while (cursor != null);
            }
            texts.add(api.get("/api/conversations/" + user + "-2").status() + "");
            answers.put(user, texts);
        }
        return answers;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
