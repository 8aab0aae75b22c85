package io.twobrains.bench;

import io.twobrains.contract.json.ChatJson;
import java.util.Optional;
import java.util.UUID;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * The two top-level fields of a command or event envelope that the load generator needs, its
 * {@code commandId} and {@code type}, read with a streaming parser that skips the payload: the
 * generator reads tens of thousands of records a second on the cores the system under test uses,
 * and decoding each whole would take cores from it.
 */
record EnvelopeHead(UUID commandId, String type) {

    /** The head of an envelope, or empty when the bytes are not one. */
    static Optional<EnvelopeHead> read(byte[] json) {
        String commandId = null;
        String type = null;
        try (JsonParser parser = ChatJson.MAPPER.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return Optional.empty();
            }
            for (String name = parser.nextName(); name != null && (commandId == null || type == null);
                    name = parser.nextName()) {
                JsonToken value = parser.nextToken();
                if (value == JsonToken.VALUE_STRING && name.equals("commandId")) {
                    commandId = parser.getString();
                } else if (value == JsonToken.VALUE_STRING && name.equals("type")) {
                    type = parser.getString();
                } else {
                    parser.skipChildren();
                }
            }
            return commandId == null ? Optional.empty() : Optional.of(new EnvelopeHead(UUID.fromString(commandId), type));
        } catch (JacksonException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
