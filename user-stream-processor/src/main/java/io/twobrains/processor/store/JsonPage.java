package io.twobrains.processor.store;

import io.twobrains.contract.json.ChatJson;
import io.twobrains.contract.view.MessageView;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A page of messages as stored: the JSON of each message, oldest first, and the cursor to older
 * ones. {@link #toJson()} writes the page's answer around those bytes without decoding them.
 */
public record JsonPage(List<byte[]> items, String nextCursor) {

    public JsonPage {
        items = List.copyOf(items);
    }

    /** {@code {"items":[...],"nextCursor":...}}, the same shape as a {@code Page<MessageView>}. */
    public byte[] toJson() {
        int size = 40;
        for (byte[] item : items) {
            size += item.length + 1;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(size);
        out.writeBytes(ITEMS);
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.writeBytes(items.get(i));
        }
        out.writeBytes(CURSOR);
        // Cursors are base64url: nothing in them needs escaping.
        out.writeBytes(nextCursor == null ? NULL : ("\"" + nextCursor + "\"").getBytes(StandardCharsets.US_ASCII));
        out.write('}');
        return out.toByteArray();
    }

    static MessageView view(byte[] json) {
        return ChatJson.MAPPER.readValue(json, MessageView.class);
    }

    private static final byte[] ITEMS = "{\"items\":[".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CURSOR = "],\"nextCursor\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NULL = "null".getBytes(StandardCharsets.US_ASCII);
}
