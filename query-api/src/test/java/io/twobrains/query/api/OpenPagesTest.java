package io.twobrains.query.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.twobrains.contract.content.ContentCipher;
import io.twobrains.contract.content.SealedContent;
import io.twobrains.contract.json.ChatJson;
import io.twobrains.contract.message.Role;
import io.twobrains.contract.message.TextPart;
import io.twobrains.contract.view.MessageView;
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
}
