package io.twobrains.contract.content;

import io.twobrains.contract.json.ChatJson;
import io.twobrains.contract.message.Role;
import io.twobrains.contract.view.MessageView;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * A stored message's JSON with its content opened, for a history page: written again token by token,
 * with each sealed value (a part's text, a tool's input, output and error) replaced by what it opens
 * to in the message's place, and every other token copied. It is what decoding the message, opening it
 * ({@link SealedContent#open(ContentCipher, String, MessageView)}) and encoding it again writes, for
 * a fraction of the CPU: the stored JSON is this mapper's own writing of a {@link MessageView}, so a
 * copied token is the token the encoder would write.
 *
 * <p>A message in any other shape is decoded, opened and encoded as before: a part before the
 * message's id (whose place the parts need), a field before its part's type, a field or a part type
 * this version does not know (decoding drops or refuses them), a null, a field twice, a role that is
 * not one.
 */
public final class SealedMessageJson {

    /** How a field of a part is written: copied, or opened as a string, or opened as the JSON it was. */
    enum Write { COPY, OPEN, OPEN_JSON }

    /** A field of a part. */
    record Field(String name, Write write) {
    }

    /** The fields of each part type, by the type names of {@link io.twobrains.contract.message.Part}. */
    static final Map<String, List<Field>> PARTS = Map.of(
            "text", List.of(new Field("text", Write.OPEN)),
            "reasoning", List.of(new Field("text", Write.OPEN)),
            "dynamic-tool", List.of(new Field("toolName", Write.COPY), new Field("toolCallId", Write.COPY),
                    new Field("state", Write.COPY), new Field("input", Write.OPEN_JSON),
                    new Field("output", Write.OPEN_JSON), new Field("errorText", Write.OPEN)),
            "step-start", List.of());

    /** The fields of a message; a bit each marks it seen. */
    static final List<String> MESSAGE = List.of("id", "role", "parts", "createdAt");
    private static final int ID = 0;
    private static final int ROLE = 1;
    private static final int PARTS_OF_MESSAGE = 2;

    private static final Set<String> ROLES = Arrays.stream(Role.values())
            .map(role -> ChatJson.MAPPER.valueToTree(role).asString()).collect(Collectors.toUnmodifiableSet());

    private SealedMessageJson() {
    }

    /** The message's JSON with its sealed content opened (a value that no longer opens reads as unreadable). */
    public static byte[] open(ContentCipher cipher, String conversationId, byte[] json) {
        byte[] rewritten = rewrite(cipher, conversationId, json);
        return rewritten != null ? rewritten : decodeOpenEncode(cipher, conversationId, json);
    }

    /** The slow way, for a message whose shape the rewrite does not take. */
    static byte[] decodeOpenEncode(ContentCipher cipher, String conversationId, byte[] json) {
        MessageView message = ChatJson.MAPPER.readValue(json, MessageView.class);
        return ChatJson.MAPPER.writeValueAsBytes(SealedContent.open(cipher, conversationId, message));
    }

    /** The message rewritten token by token; null if its shape calls for {@link #decodeOpenEncode}. */
    static byte[] rewrite(ContentCipher cipher, String conversationId, byte[] json) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(json.length);
        try (JsonParser in = ChatJson.MAPPER.createParser(json); JsonGenerator out = ChatJson.MAPPER.createGenerator(buffer)) {
            if (in.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            out.writeStartObject();
            ContentPlace place = null;
            int seen = 0;
            while (in.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = in.currentName();
                int field = MESSAGE.indexOf(name);
                JsonToken value = in.nextToken();
                if (field < 0 || (seen & 1 << field) != 0) {
                    return null;
                }
                seen |= 1 << field;
                out.writeName(name);
                if (field == PARTS_OF_MESSAGE) {
                    if (place == null || value != JsonToken.START_ARRAY || !parts(in, out, cipher, place)) {
                        return null;
                    }
                    continue;
                }
                if (value != JsonToken.VALUE_STRING || field == ROLE && !ROLES.contains(in.getString())) {
                    return null;
                }
                if (field == ID) {
                    place = new ContentPlace.MessagePart(conversationId, in.getString());
                }
                out.writeString(in.getString());
            }
            out.writeEndObject();
        }
        return buffer.toByteArray();
    }

    /** The parts, from the array's start to its end; false if one is not in a shape the rewrite takes. */
    private static boolean parts(JsonParser in, JsonGenerator out, ContentCipher cipher, ContentPlace place) {
        out.writeStartArray();
        JsonToken token;
        while ((token = in.nextToken()) == JsonToken.START_OBJECT) {
            if (in.nextToken() != JsonToken.PROPERTY_NAME || !"type".equals(in.currentName())
                    || in.nextToken() != JsonToken.VALUE_STRING) {
                return false;
            }
            List<Field> fields = PARTS.get(in.getString());
            if (fields == null) {
                return false;
            }
            out.writeStartObject();
            out.writeName("type");
            out.writeString(in.getString());
            if (!fields(in, out, cipher, place, fields)) {
                return false;
            }
            out.writeEndObject();
        }
        out.writeEndArray();
        return token == JsonToken.END_ARRAY;
    }

    /** A part's fields after its type, to the part's end; false if one is not in a shape the rewrite takes. */
    private static boolean fields(JsonParser in, JsonGenerator out, ContentCipher cipher, ContentPlace place,
            List<Field> fields) {
        int seen = 0;
        while (in.nextToken() == JsonToken.PROPERTY_NAME) {
            int index = indexOf(fields, in.currentName());
            JsonToken value = in.nextToken();
            if (index < 0 || (seen & 1 << index) != 0 || value == JsonToken.VALUE_NULL) {
                return false;
            }
            seen |= 1 << index;
            Write write = fields.get(index).write();
            if (write != Write.OPEN_JSON && value != JsonToken.VALUE_STRING) {
                return false;
            }
            out.writeName(fields.get(index).name());
            if (value != JsonToken.VALUE_STRING) {
                out.writeTree(in.readValueAsTree());
            } else if (write == Write.COPY || !ContentCipher.isSealed(in.getString())) {
                out.writeString(in.getString());
            } else {
                String opened = SealedContent.lenient(cipher, in.getString(), place);
                if (write == Write.OPEN_JSON && !opened.equals(SealedContent.UNREADABLE)) {
                    out.writeTree(ChatJson.MAPPER.readTree(opened));
                } else {
                    out.writeString(opened);
                }
            }
        }
        return true;
    }

    private static int indexOf(List<Field> fields, String name) {
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }
}
