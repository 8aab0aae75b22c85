package io.twobrains.command.chat;

import io.twobrains.contract.Topics;
import io.twobrains.contract.json.ChatJson;
import io.twobrains.contract.json.MalformedRecordException;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/** The one signal of {@code chat.control}: stop this generation, wherever it runs. */
record StopSignal(String userId, String conversationId, String generationId) {

    static final String TYPE = "stop";

    byte[] toBytes() {
        return ChatJson.MAPPER.writeValueAsBytes(Map.of("type", TYPE, "userId", userId,
                "conversationId", conversationId, "generationId", generationId));
    }

    static StopSignal parse(byte[] value) {
        Topics.requireFits(value);
        JsonNode node = json(value);
        String type = node.path("type").asString("");
        if (!TYPE.equals(type)) {
            throw new MalformedRecordException("unknown control type '" + type + "'");
        }
        return new StopSignal(text(node, "userId"), text(node, "conversationId"), text(node, "generationId"));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (!value.isString() || value.asString().isEmpty()) {
            throw new MalformedRecordException("a stop signal needs a " + field);
        }
        return value.asString();
    }

    private static JsonNode json(byte[] value) {
        if (value == null) {
            throw new MalformedRecordException("a control record has no value");
        }
        try {
            return ChatJson.MAPPER.readTree(value);
        } catch (JacksonException e) {
            throw new MalformedRecordException("a control record is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }
}
