package io.twobrains.query.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.twobrains.contract.content.ContentCipher;
import io.twobrains.contract.content.ContentPlace;
import io.twobrains.contract.content.SealedContent;
import io.twobrains.contract.json.ChatJson;
import io.twobrains.contract.message.Part;
import io.twobrains.contract.message.ReasoningPart;
import io.twobrains.contract.message.Role;
import io.twobrains.contract.message.StepStartPart;
import io.twobrains.contract.message.TextPart;
import io.twobrains.contract.message.ToolPart;
import io.twobrains.contract.view.ConversationView;
import io.twobrains.contract.view.MessageView;
import io.twobrains.contract.view.Page;
import io.twobrains.processor.store.JsonPage;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpenPagesTest {

    private final ContentCipher alice = new ContentCipher("alice", ContentCipher.newKey());

    @Test
    void sealedMessagesAreOpenedAndPlaintextOnesGoOutAsStored() {
        byte[] old = ChatJson.MAPPER.writeValueAsBytes(new MessageView("m1", Role.USER, List.of(new TextPart("from before")),
                Instant.EPOCH));
        byte[] sealed = ChatJson.MAPPER.writeValueAsBytes(new MessageView("m2", Role.USER,
                SealedContent.seal(alice, "c1", "m2", List.of(new TextPart("the canary sings"))), Instant.EPOCH));

        String page = new String(OpenPages.messages(alice, "c1", new JsonPage(List.of(old, sealed), "cur")),
                StandardCharsets.UTF_8);

        assertThat(page).contains("from before", "the canary sings", "\"nextCursor\":\"cur\"")
                .doesNotContain(ContentCipher.PREFIX);
        assertThat(OpenPages.contains(sealed, ContentCipher.PREFIX.getBytes(StandardCharsets.US_ASCII))).isTrue();
        assertThat(OpenPages.contains(old, ContentCipher.PREFIX.getBytes(StandardCharsets.US_ASCII))).isFalse();
    }

    @Test
    void onlyAPageWithSomethingSealedNeedsTheUsersKey() {
        byte[] old = ChatJson.MAPPER.writeValueAsBytes(new MessageView("m1", Role.USER, List.of(new TextPart("from before")),
                Instant.EPOCH));
        byte[] sealed = ChatJson.MAPPER.writeValueAsBytes(new MessageView("m2", Role.USER,
                SealedContent.seal(alice, "c1", "m2", List.of(new TextPart("sealed"))), Instant.EPOCH));

        assertThat(OpenPages.anySealed(new JsonPage(List.of(old), null))).isFalse();
        assertThat(OpenPages.anySealed(new JsonPage(List.of(old, sealed), null))).isTrue();
        ConversationView untitled = new ConversationView("c1", null, Instant.EPOCH, Instant.EPOCH, 0);
        ConversationView titled = SealedContent.open(alice, untitled);
        ConversationView sealedTitle = new ConversationView("c2", alice.seal("Trip", new ContentPlace.Title("c2")),
                Instant.EPOCH, Instant.EPOCH, 0);
        assertThat(OpenPages.anySealed(new Page<>(List.of(untitled, titled), null))).isFalse();
        assertThat(OpenPages.anySealed(new Page<>(List.of(untitled, sealedTitle), null))).isTrue();
    }

    @Test
    void aPageIsWhatDecodingOpeningAndEncodingEachSealedMessageWrote() {
        List<Part> assistant = List.of(new StepStartPart(), new ReasoningPart("which bird sings?"),
                new ToolPart("search", "call-1", ToolPart.OUTPUT_AVAILABLE, json("{\"q\":\"canary\",\"limit\":2,\"w\":0.5}"),
                        json("[{\"title\":\"Canaries\",\"score\":1.25,\"tags\":null}]"), null),
                new ToolPart("fetch", "call-2", ToolPart.OUTPUT_ERROR, json("{\"url\":\"https://example.com\"}"), null,
                        "timed out \"twice\""),
                new StepStartPart(), new TextPart("The canary sings.\nÉtonnant! 🐤"));
        String fallbackText = alice.seal("stored in another order", new ContentPlace.MessagePart("c1", "m5"));
        List<byte[]> items = List.of(
                stored(new MessageView("m0", Role.USER, List.of(new TextPart("from before")), Instant.EPOCH)),
                stored(new MessageView("m1", Role.USER, SealedContent.seal(alice, "c1", "m1",
                        List.of(new TextPart("the canary sings"))), Instant.parse("2026-12-02T10:00:00Z"))),
                stored(new MessageView("m2", Role.ASSISTANT, SealedContent.seal(alice, "c1", "m2", assistant),
                        Instant.parse("2026-12-02T10:00:01.250Z"))),
                stored(new MessageView("m3", Role.ASSISTANT, List.of(new TextPart("legacy text"),
                        SealedContent.seal(alice, "c1", "m3", List.of(new TextPart("sealed text"))).get(0),
                        new ToolPart("search", "call-3", ToolPart.OUTPUT_AVAILABLE, json("{\"q\":\"legacy\"}"),
                                json("\"legacy output\""), null)), Instant.EPOCH)),
                stored(new MessageView("m4", Role.USER, SealedContent.seal(new ContentCipher("alice", ContentCipher.newKey()),
                        "c1", "m4", List.of(new TextPart("erased"))), Instant.EPOCH)),
                ("{\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"text\":\"" + fallbackText + "\"}],\"id\":\"m5\"}")
                        .getBytes(StandardCharsets.UTF_8));
        JsonPage page = new JsonPage(items, "cur");

        String opened = new String(OpenPages.messages(alice, "c1", page), StandardCharsets.UTF_8);

        List<byte[]> decoded = items.stream().map(item -> OpenPages.contains(item,
                ContentCipher.PREFIX.getBytes(StandardCharsets.US_ASCII)) ? decodeOpenEncode(item) : item).toList();
        assertThat(opened).isEqualTo(new String(new JsonPage(decoded, "cur").toJson(), StandardCharsets.UTF_8));
        assertThat(opened).contains("which bird sings?", "Canaries", "timed out", "legacy text", "sealed text",
                SealedContent.UNREADABLE, "stored in another order").doesNotContain(ContentCipher.PREFIX);
    }

    /** The page item as it was made before the rewrite: decoded, opened and encoded again. */
    private byte[] decodeOpenEncode(byte[] item) {
        MessageView message = ChatJson.MAPPER.readValue(item, MessageView.class);
        return ChatJson.MAPPER.writeValueAsBytes(SealedContent.open(alice, "c1", message));
    }

    private static byte[] stored(MessageView message) {
        return ChatJson.MAPPER.writeValueAsBytes(message);
    }

    private static tools.jackson.databind.JsonNode json(String text) {
        return ChatJson.MAPPER.readTree(text);
    }
}
