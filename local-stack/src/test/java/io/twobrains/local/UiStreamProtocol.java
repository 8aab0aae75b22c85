package io.twobrains.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The AI SDK's UI message stream chunks (protocol v1) and the fields each may carry: the SDK parses
 * them with strict schemas, so a missing required field or an unknown one breaks {@code useChat}.
 */
final class UiStreamProtocol {

    private record Shape(Set<String> required, Set<String> optional) {
    }

    private static final Map<String, Shape> CHUNKS = Map.ofEntries(
            Map.entry("start", shape(Set.of(), Set.of("messageId", "messageMetadata"))),
            Map.entry("start-step", shape(Set.of(), Set.of())),
            Map.entry("finish-step", shape(Set.of(), Set.of())),
            Map.entry("text-start", shape(Set.of("id"), Set.of("providerMetadata"))),
            Map.entry("text-delta", shape(Set.of("id", "delta"), Set.of("providerMetadata"))),
            Map.entry("text-end", shape(Set.of("id"), Set.of("providerMetadata"))),
            Map.entry("reasoning-start", shape(Set.of("id"), Set.of("providerMetadata"))),
            Map.entry("reasoning-delta", shape(Set.of("id", "delta"), Set.of("providerMetadata"))),
            Map.entry("reasoning-end", shape(Set.of("id"), Set.of("providerMetadata"))),
            Map.entry("tool-input-start", shape(Set.of("toolCallId", "toolName"), Set.of("providerExecuted", "dynamic"))),
            Map.entry("tool-input-delta", shape(Set.of("toolCallId", "inputTextDelta"), Set.of())),
            Map.entry("tool-input-available", shape(Set.of("toolCallId", "toolName", "input"),
                    Set.of("providerExecuted", "providerMetadata", "dynamic"))),
            Map.entry("tool-output-available", shape(Set.of("toolCallId", "output"), Set.of("providerExecuted", "dynamic"))),
            Map.entry("tool-output-error", shape(Set.of("toolCallId", "errorText"), Set.of("providerExecuted", "dynamic"))),
            Map.entry("finish", shape(Set.of(), Set.of("messageMetadata"))),
            Map.entry("error", shape(Set.of("errorText"), Set.of())),
            Map.entry("abort", shape(Set.of(), Set.of())),
            Map.entry("message-metadata", shape(Set.of("messageMetadata"), Set.of())));

    private UiStreamProtocol() {
    }

    private static Shape shape(Set<String> required, Set<String> optional) {
        return new Shape(required, optional);
    }

    static void assertConforms(JsonNode chunk) {
        assertThat(chunk.isObject()).as("a chunk is an object: " + chunk).isTrue();
        String type = chunk.path("type").asString("");
        Set<String> fields = new HashSet<>(chunk.propertyNames());
        fields.remove("type");
        if (type.startsWith("data-")) {
            assertThat(Set.of("id", "data", "transient")).as("fields of " + chunk).containsAll(fields);
            assertThat(fields).contains("data");
            return;
        }
        Shape shape = CHUNKS.get(type);
        assertThat(shape).as("a known chunk type: " + chunk).isNotNull();
        assertThat(fields).as("required fields of " + chunk).containsAll(shape.required());
        Set<String> allowed = new HashSet<>(shape.required());
        allowed.addAll(shape.optional());
        assertThat(allowed).as("no unknown field in " + chunk).containsAll(fields);
        for (String field : Set.of("id", "delta", "toolCallId", "toolName", "errorText", "messageId", "inputTextDelta")) {
            if (chunk.has(field)) {
                assertThat(chunk.get(field).isString()).as(field + " is a string in " + chunk).isTrue();
            }
        }
    }
}
