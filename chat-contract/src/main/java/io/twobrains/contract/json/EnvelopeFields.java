package io.twobrains.contract.json;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.node.ObjectNode;

/**
 * The fields of an envelope, read in one pass with a streaming parser: no tree of the whole record
 * is built. The payload is handed to a {@link PayloadReader} when the parser reaches it, which can
 * bind it straight to its record once the envelope's type is known (writers put the type first).
 * Anything missing or malformed is a {@link MalformedRecordException}.
 */
final class EnvelopeFields {

    /** Reads the payload where the parser stands, given the fields read so far. */
    interface PayloadReader {
        Object read(JsonParser parser, EnvelopeFields before);
    }

    /** Readers that bind a value in the middle of a stream: the envelope's end follows the payload. */
    private static final ClassValue<ObjectReader> READERS = new ClassValue<>() {
        @Override
        protected ObjectReader computeValue(Class<?> type) {
            return ChatJson.MAPPER.readerFor(type).without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        }
    };
    private static final ObjectReader TREES = READERS.get(JsonNode.class);

    private final Map<String, Object> values = new HashMap<>();
    private Object payload;

    private EnvelopeFields() {
    }

    static EnvelopeFields parse(byte[] bytes, PayloadReader payloadReader) {
        if (bytes == null) {
            throw new MalformedRecordException("record has no value");
        }
        EnvelopeFields fields = new EnvelopeFields();
        try (JsonParser parser = ChatJson.MAPPER.createParser(bytes)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new MalformedRecordException("envelope is not a JSON object");
            }
            String name;
            while ((name = parser.nextName()) != null) {
                JsonToken value = parser.nextToken();
                if (name.equals("payload")) {
                    if (value != JsonToken.START_OBJECT) {
                        throw new MalformedRecordException("envelope field 'payload' is missing or not an object");
                    }
                    fields.payload = payloadReader.read(parser, fields);
                } else if (value == JsonToken.VALUE_STRING) {
                    fields.values.put(name, parser.getString());
                } else if (value == JsonToken.VALUE_NUMBER_INT) {
                    fields.values.put(name, parser.getLongValue());
                } else {
                    fields.values.put(name, value);
                    parser.skipChildren();
                }
            }
            if (parser.nextToken() != null) {
                throw new MalformedRecordException("envelope has content after its end");
            }
        } catch (MalformedRecordException e) {
            throw e;
        } catch (JacksonException e) {
            throw new MalformedRecordException("envelope is not valid JSON: " + e.getOriginalMessage(), e);
        }
        return fields;
    }

    /** The payload as the reader made it: a bound record, or an object tree to finish later. */
    Object payload() {
        if (payload == null) {
            throw new MalformedRecordException("envelope field 'payload' is missing or not an object");
        }
        return payload;
    }

    boolean has(String name) {
        return values.get(name) instanceof String || values.get(name) instanceof Long;
    }

    String text(String name) {
        if (!(values.get(name) instanceof String value) || value.isEmpty()) {
            throw new MalformedRecordException("envelope field '" + name + "' is missing or not a string");
        }
        return value;
    }

    String optionalText(String name) {
        Object value = values.get(name);
        return value == null || value == JsonToken.VALUE_NULL ? null : text(name);
    }

    UUID uuid(String name) {
        try {
            return UUID.fromString(text(name));
        } catch (IllegalArgumentException e) {
            throw new MalformedRecordException("envelope field '" + name + "' is not a UUID", e);
        }
    }

    Instant instant(String name) {
        try {
            return Instant.parse(text(name));
        } catch (DateTimeParseException e) {
            throw new MalformedRecordException("envelope field '" + name + "' is not an ISO-8601 instant", e);
        }
    }

    long integer(String name) {
        if (!(values.get(name) instanceof Long value)) {
            throw new MalformedRecordException("envelope field '" + name + "' is missing or not an integer");
        }
        return value;
    }

    /** Binds a payload where the parser stands to its record. */
    static <T> T bind(JsonParser parser, Class<T> type) {
        try {
            return READERS.get(type).readValue(parser);
        } catch (JacksonException e) {
            throw new MalformedRecordException("payload of " + type.getSimpleName() + " is malformed: "
                    + e.getOriginalMessage(), e);
        }
    }

    /** Reads a payload where the parser stands as a tree, to upcast or bind once its type is known. */
    static ObjectNode tree(JsonParser parser) {
        JsonNode node = TREES.readValue(parser);
        if (!(node instanceof ObjectNode object)) {
            throw new MalformedRecordException("envelope field 'payload' is missing or not an object");
        }
        return object;
    }

    static <T> T bind(ObjectNode payload, Class<T> type) {
        try {
            return ChatJson.MAPPER.treeToValue(payload, type);
        } catch (JacksonException e) {
            throw new MalformedRecordException("payload of " + type.getSimpleName() + " is malformed: "
                    + e.getOriginalMessage(), e);
        }
    }
}
