package io.twobrains.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.twobrains.contract.content.ContentCipher;
import io.twobrains.contract.event.EventEnvelope;
import io.twobrains.contract.event.MessageAppended;
import io.twobrains.contract.message.TextPart;
import io.twobrains.local.WriteLoad.Ack;
import io.twobrains.local.WriteLoad.Writer;
import io.twobrains.testkit.ApiClient;
import io.twobrains.testkit.ApiClient.Response;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The write guarantee (ADR 0001) after a fault, checked against chat.events and the query API: every
 * acknowledged write is there exactly once, with the seq it was acknowledged with and in the order
 * of acknowledgement; a write left unknown is there at most once; nothing else is there.
 */
final class AcknowledgedWrites {

    private AcknowledgedWrites() {
    }

    static void assertExactlyOnceInOrder(LocalStack stack, List<Writer> writers) {
        int acked = 0;
        int unknowns = 0;
        for (Writer writer : writers) {
            acked += writer.acked().size();
            unknowns += writer.unknown().size();
            List<EventEnvelope> events = Stacks.events(stack, writer.user());
            ContentCipher key = Stacks.contentKey(stack, writer.user());
            Map<String, List<Long>> seqsByText = new LinkedHashMap<>();
            for (EventEnvelope event : events) {
                if (event.payload() instanceof MessageAppended appended) {
                    seqsByText.computeIfAbsent(text(key, appended), t -> new ArrayList<>()).add(event.seq());
                }
            }
            Set<String> sent = new HashSet<>(writer.unknown());
            writer.acked().forEach(ack -> sent.add(ack.text()));
            assertThat(sent).as("what %s sent", writer.user()).containsAll(seqsByText.keySet());
            for (Ack ack : writer.acked()) {
                assertThat(seqsByText.get(ack.text())).as("the acknowledged write %s", ack.text())
                        .containsExactly(ack.seq());
            }
            for (String unknown : writer.unknown()) {
                assertThat(seqsByText.getOrDefault(unknown, List.of())).as("the unknown write %s", unknown)
                        .hasSizeLessThanOrEqualTo(1);
            }
            assertThat(writer.acked().stream().map(Ack::seq).toList()).as("seqs in the order of acknowledgement")
                    .isSorted().doesNotHaveDuplicates();
            long lastSeq = events.isEmpty() ? 0 : events.get(events.size() - 1).seq();
            assertThat(listed(Stacks.client(stack, writer.user()), lastSeq)).as("the messages the query API lists")
                    .containsExactlyElementsOf(seqsByText.keySet());
        }
        System.out.printf("checked %d writers: %d writes acknowledged, %d unknown%n", writers.size(), acked, unknowns);
    }

    /** Every message of the writer's conversation, oldest first, read once the API has seen {@code seq}. */
    private static List<String> listed(ApiClient api, long seq) {
        ApiClient reader = api.withHeader("X-Chat-Min-Seq", Long.toString(seq));
        List<String> texts = new ArrayList<>();
        String cursor = null;
        do {
            Response page = reader.get("/api/conversations/" + WriteLoad.CONVERSATION + "/messages?limit=100"
                    + (cursor == null ? "" : "&before=" + cursor));
            assertThat(page.status()).as("a page of messages: %s", page).isEqualTo(200);
            List<String> older = new ArrayList<>();
            for (JsonNode item : page.json().get("items")) {
                older.add(item.get("parts").get(0).get("text").asString());
            }
            texts.addAll(0, older);
            cursor = page.json().get("nextCursor").isNull() ? null : page.json().get("nextCursor").asString();
        } while (cursor != null);
        return texts;
    }

    /** The text of an appended message, opened: the log holds it sealed with the user's key. */
    private static String text(io.twobrains.contract.content.ContentCipher key, MessageAppended appended) {
        return ((TextPart) io.twobrains.contract.content.SealedContent.open(key, appended.conversationId(),
                appended.messageId(), appended.parts()).get(0)).text();
    }
}
