package io.twobrains.contract.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twobrains.contract.ContentRules;
import io.twobrains.contract.Limits;
import io.twobrains.contract.json.ChatJson;
import io.twobrains.contract.message.Part;
import io.twobrains.contract.message.ReasoningPart;
import io.twobrains.contract.message.StepStartPart;
import io.twobrains.contract.message.TextPart;
import io.twobrains.contract.message.ToolPart;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class SealedContentTest {

    private final ContentCipher alice = new ContentCipher("alice", ContentCipher.newKey());

    @Test
    void everyContentFieldIsSealedAndOpensBackInItsPlace() {
        List<Part> parts = List.of(new TextPart("the canary sings"), new ReasoningPart("thinking of the canary"),
                new StepStartPart(), new ToolPart("search", "call-1", ToolPart.OUTPUT_AVAILABLE,
                        ChatJson.MAPPER.readTree("{\"q\":\"canary\"}"), ChatJson.MAPPER.readTree("[\"a canary\"]"), null),
                new ToolPart("search", "call-2", ToolPart.OUTPUT_ERROR, ChatJson.MAPPER.readTree("{}"), null, "no canary"));

        List<Part> sealed = SealedContent.seal(alice, "c1", "m1", parts);

        assertThat(ChatJson.MAPPER.writeValueAsString(sealed)).doesNotContain("canary").contains("search", "call-1",
                ToolPart.OUTPUT_ERROR);
        assertThat(SealedContent.open(alice, "c1", "m1", sealed)).isEqualTo(parts);
    }

    @Test
    void aSealedValueOpensOnlyWithItsUsersKeyAndInItsOwnPlace() {
        String sealed = alice.seal("hello", new ContentPlace.MessagePart("c1", "m1"));

        assertThat(alice.open(sealed, new ContentPlace.MessagePart("c1", "m1"))).isEqualTo("hello");
        assertThatThrownBy(() -> alice.open(sealed, new ContentPlace.MessagePart("c1", "m2")))
                .isInstanceOf(UnreadableContentException.class);
        assertThatThrownBy(() -> alice.open(sealed, new ContentPlace.Title("c1")))
                .isInstanceOf(UnreadableContentException.class);
        byte[] sameKey = ContentCipher.newKey();
        String bobs = new ContentCipher("bob", sameKey).seal("hello", new ContentPlace.Title("c1"));
        assertThatThrownBy(() -> new ContentCipher("alice", sameKey).open(bobs, new ContentPlace.Title("c1")))
                .as("bound to the user too").isInstanceOf(UnreadableContentException.class);
    }

    @Test
    void contentWhoseKeyIsGoneReadsAsUnreadableAndPlaintextFromBeforeSealingReadsAsItIs() {
        List<Part> sealed = SealedContent.seal(alice, "c1", "m1", List.of(new TextPart("secret")));
        ContentCipher newKey = new ContentCipher("alice", ContentCipher.newKey());

        assertThat(SealedContent.open(newKey, "c1", "m1", sealed)).containsExactly(new TextPart(SealedContent.UNREADABLE));
        assertThat(SealedContent.open(newKey, "c1", "m1", List.of(new TextPart("old plaintext"))))
                .containsExactly(new TextPart("old plaintext"));
        assertThat(SealedContent.openTitle(newKey, "c1", "old title")).isEqualTo("old title");
    }

    @Test
    void sizesOfSealedContentAreTheirPlaintextsInBytesAndTheLimitsHoldWithoutTheKey() {
        String text = "é".repeat(1000);
        String sealed = alice.seal(text, new ContentPlace.MessagePart("c", "m"));

        assertThat(ContentCipher.plainBytes(sealed)).isEqualTo(text.getBytes(StandardCharsets.UTF_8).length);
        assertThat(new TextPart(sealed).length()).isEqualTo(2000);
        String longest = "€".repeat(Limits.MAX_TEXT_LENGTH);
        assertThat(ContentRules.userPartsFit(SealedContent.seal(alice, "c", "m", List.of(new TextPart(longest)))))
                .as("a message at the limit in characters fits sealed").isEmpty();
        String tooLong = "x".repeat(4 * Limits.MAX_TEXT_LENGTH + 1);
        assertThat(ContentRules.userPartsFit(SealedContent.seal(alice, "c", "m", List.of(new TextPart(tooLong)))))
                .isPresent();
        assertThat(ContentRules.titleFits(SealedContent.sealTitle(alice, "c", "a title of the limit's length".repeat(2))))
                .isEmpty();
        assertThat(ContentRules.titleFits(SealedContent.sealTitle(alice, "c", "x".repeat(4 * Limits.MAX_TITLE_LENGTH + 1))))
                .isPresent();
    }

    @Test
    void eachSealIsFreshSoEqualContentDoesNotShowAsEqual() {
        ContentPlace place = new ContentPlace.Title("c1");
        assertThat(alice.seal("same", place)).isNotEqualTo(alice.seal("same", place)).startsWith(ContentCipher.PREFIX);
    }

    @Test
    void recordsHoldingContentNeverPrintItSoADebugLogOfThemHoldsNone() {
        List<Object> holders = List.of(new TextPart("the canary sings"), new ReasoningPart("the canary thinks"),
                new ToolPart("repeat", "c", ToolPart.OUTPUT_AVAILABLE, ChatJson.MAPPER.readTree("{\"text\":\"canary\"}"),
                        ChatJson.MAPPER.readTree("\"canary canary\""), "no canary"),
                new io.twobrains.contract.view.ConversationView("c1", "Canary title", java.time.Instant.EPOCH,
                        java.time.Instant.EPOCH, 1),
                new io.twobrains.contract.view.MessageView("m1", io.twobrains.contract.message.Role.USER,
                        List.of(new TextPart("canary")), java.time.Instant.EPOCH),
                new io.twobrains.contract.view.ChatContextView.Conversation("c1", "Canary title", null, 1, null));

        assertThat(holders).allSatisfy(holder -> assertThat(holder.toString()).doesNotContainIgnoringCase("canary"));
        assertThat(new TextPart("canary").toString()).contains("6 chars");
    }
}
