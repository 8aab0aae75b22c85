package io.twobrains.query.api;

import io.twobrains.contract.content.ContentCipher;
import io.twobrains.contract.content.SealedContent;
import io.twobrains.contract.content.SealedMessageJson;
import io.twobrains.contract.view.ConversationView;
import io.twobrains.contract.view.Page;
import io.twobrains.processor.store.JsonPage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Pages of a user's data with the content opened for the user: the store holds titles and message
 * parts sealed. A stored message with nothing sealed in it (written before content was sealed) goes
 * out as its stored bytes; in a sealed one, the sealed values are replaced by their plaintext as its
 * JSON is copied ({@link SealedMessageJson}).
 */
final class OpenPages {

    private static final byte[] SEALED = ContentCipher.PREFIX.getBytes(StandardCharsets.US_ASCII);

    private OpenPages() {
    }

    static byte[] messages(ContentCipher cipher, String conversationId, JsonPage page) {
        List<byte[]> items = new ArrayList<>(page.items().size());
        for (byte[] item : page.items()) {
            if (contains(item, SEALED)) {
                items.add(SealedMessageJson.open(cipher, conversationId, item));
            } else {
                items.add(item);
            }
        }
        return new JsonPage(items, page.nextCursor()).toJson();
    }

    /** Whether any message of the page holds a sealed value (else it needs no key to be opened). */
    static boolean anySealed(JsonPage page) {
        return page.items().stream().anyMatch(item -> contains(item, SEALED));
    }

    /** Whether any conversation of the page has a sealed title. */
    static boolean anySealed(Page<ConversationView> page) {
        return page.items().stream().anyMatch(conversation -> ContentCipher.isSealed(conversation.title()));
    }

    static Page<ConversationView> conversations(ContentCipher cipher, Page<ConversationView> page) {
        return new Page<>(page.items().stream().map(conversation -> SealedContent.open(cipher, conversation)).toList(),
                page.nextCursor());
    }

    static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
