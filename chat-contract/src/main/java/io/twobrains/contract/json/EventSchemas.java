package io.twobrains.contract.json;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import io.twobrains.contract.Limits;
import io.twobrains.contract.Nullable;
import io.twobrains.contract.event.Event;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import tools.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * JSON Schemas (draft 2020-12) of the event envelopes, one per event type and version, derived from
 * the records themselves so they cannot drift. They are committed under
 * {@code src/main/resources/schemas/events/} for consumers of {@code chat.events} outside Java.
 */
public final class EventSchemas {

    public static final String DIRECTORY = "schemas/events/";

    private EventSchemas() {
    }

    /** File name ({@code <Type>.v<version>.schema.json}) to schema, for every event type. */
    public static Map<String, ObjectNode> all() {
        Map<String, ObjectNode> schemas = new LinkedHashMap<>();
        EventCodec.types().all().forEach((name, type) ->
                schemas.put(name + ".v" + PayloadTypes.currentVersion(type) + ".schema.json", envelope(name, type)));
        return schemas;
    }

    static ObjectNode envelope(String name, Class<? extends Event> type) {
        int version = PayloadTypes.currentVersion(type);
        ObjectNode schema = object();
        schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        schema.put("$id", "https://twobrains.io/" + DIRECTORY + name + ".v" + version + ".schema.json");
        schema.put("title", name + " v" + version);
        JsonClassDescription description = type.getAnnotation(JsonClassDescription.class);
        schema.put("description", (description == null ? name : description.value())
                + " An event on chat.events, keyed by user id.");
        schema.put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        properties.set("eventId", described(string("uuid"), "Unique id of the event."));
        properties.set("userId", described(string(null), "The user; also the record key."));
        properties.set("seq", described(integer(1), "Per user: gapless, starting at 1."));
        properties.set("commandId", described(string("uuid"), "The command that caused the event."));
        properties.set("occurredAt", described(string("date-time"), "When the processor decided it (UTC)."));
        properties.set("type", object().put("const", name));
        properties.set("version", described(object().put("const", version),
                "Schema version of the payload; older versions are upcast by readers."));
        properties.set("payload", record(type));
        required(schema, "eventId", "userId", "seq", "commandId", "occurredAt", "type", "version", "payload");
        schema.put("additionalProperties", false);
        return schema;
    }

    private static ObjectNode record(Class<?> type) {
        ObjectNode schema = object().put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        ArrayNode required = schema.putArray("required");
        for (RecordComponent component : type.getRecordComponents()) {
            ObjectNode property = of(component.getGenericType(), component.getName());
            JsonPropertyDescription description = component.getAccessor().getAnnotation(JsonPropertyDescription.class);
            if (description != null) {
                property.put("description", description.value());
            }
            if (component.isAnnotationPresent(Nullable.class)) {
                if (property.has("type")) {
                    String single = property.get("type").asString();
                    property.putArray("type").add(single).add("null");
                }
            } else {
                required.add(component.getName());
            }
            properties.set(component.getName(), property);
        }
        return schema;
    }

    private static ObjectNode of(Type type, String name) {
        if (type instanceof ParameterizedType parameterized && parameterized.getRawType() == List.class) {
            ObjectNode schema = object().put("type", "array");
            schema.set("items", of(parameterized.getActualTypeArguments()[0], name));
            return schema;
        }
        Class<?> raw = (Class<?>) type;
        if (raw == String.class) {
            ObjectNode schema = string(null);
            // Ids we mint follow the id rule; a user's or a provider's (tool calls) need not.
            if (name.endsWith("Id") && !name.equals("userId") && !name.equals("toolCallId")) {
                schema.put("pattern", "^" + Limits.ID_REGEX + "$");
            }
            return schema;
        }
        if (raw == JsonNode.class) {
            return object().put("description", "any JSON value");
        }
        if (raw == Instant.class) {
            return string("date-time");
        }
        if (raw == UUID.class) {
            return string("uuid");
        }
        if (raw == long.class || raw == int.class || raw == Long.class || raw == Integer.class) {
            return object().put("type", "integer");
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return object().put("type", "boolean");
        }
        if (raw.isEnum()) {
            ObjectNode schema = string(null);
            ArrayNode values = schema.putArray("enum");
            for (Object constant : raw.getEnumConstants()) {
                values.add(ChatJson.MAPPER.valueToTree(constant).asString());
            }
            return schema;
        }
        if (raw.isRecord()) {
            return record(raw);
        }
        JsonSubTypes subtypes = raw.getAnnotation(JsonSubTypes.class);
        if (subtypes != null) {
            ObjectNode schema = object().put("type", "object");
            ArrayNode options = schema.putArray("oneOf");
            for (JsonSubTypes.Type subtype : subtypes.value()) {
                ObjectNode option = record(subtype.value());
                ((ObjectNode) option.get("properties")).set("type", object().put("const", subtype.name()));
                ((ArrayNode) option.get("required")).insert(0, "type");
                options.add(option);
            }
            return schema;
        }
        throw new IllegalArgumentException("no schema for " + raw);
    }

    private static ObjectNode string(String format) {
        ObjectNode schema = object().put("type", "string");
        return format == null ? schema : schema.put("format", format);
    }

    private static ObjectNode integer(int minimum) {
        return object().put("type", "integer").put("minimum", minimum);
    }

    private static ObjectNode described(ObjectNode schema, String description) {
        return schema.put("description", description);
    }

    private static void required(ObjectNode schema, String... names) {
        ArrayNode required = schema.putArray("required");
        for (String name : names) {
            required.add(name);
        }
    }

    private static ObjectNode object() {
        return ChatJson.MAPPER.createObjectNode();
    }
}
