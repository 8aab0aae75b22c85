package io.twobrains.contract.json;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Reads the fields of an envelope, turning anything missing or malformed into a {@link MalformedRecordException}. */
final class EnvelopeFields {

    private final ObjectNode node;

    private EnvelopeFields(ObjectNode node) {
        this.node = node;
    }

    static EnvelopeFields parse(byte[] bytes) {
        if (bytes == null) {
            throw new MalformedRecordException("record has no value");
        }
        try {
            JsonNode node = ChatJson.MAPPER.readTree(bytes);
            if (!(node instanceof ObjectNode object)) {
                throw new MalformedRecordException("envelope is not a JSON object");
            }
            return new EnvelopeFields(object);
        } catch (JacksonException e) {
            throw new MalformedRecordException("envelope is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    String text(String name) {
        JsonNode value = node.get(name);
        if (value == null || !value.isString() || value.stringValue().isEmpty()) {
            throw new MalformedRecordException("envelope field '" + name + "' is missing or not a string");
        }
        return value.stringValue();
    }

    String optionalText(String name) {
        JsonNode value = node.get(name);
        return value == null || value.isNull() ? null : text(name);
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
        JsonNode value = node.get(name);
        if (value == null || !value.isIntegralNumber()) {
            throw new MalformedRecordException("envelope field '" + name + "' is missing or not an integer");
        }
        return value.asLong();
    }

    ObjectNode object(String name) {
        JsonNode value = node.get(name);
        if (!(value instanceof ObjectNode object)) {
            throw new MalformedRecordException("envelope field '" + name + "' is missing or not an object");
        }
        return object;
    }

    static <T> T payload(ObjectNode payload, Class<T> type) {
        try {
            return ChatJson.MAPPER.treeToValue(payload, type);
        } catch (JacksonException e) {
            throw new MalformedRecordException("payload of " + type.getSimpleName() + " is malformed: "
                    + e.getOriginalMessage(), e);
        }
    }
}
