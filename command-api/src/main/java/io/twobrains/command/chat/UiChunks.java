package io.twobrains.command.chat;

import io.twobrains.contract.json.ChatJson;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The chunks of the AI SDK "UI message stream" protocol (v1), each with exactly the fields its schema
 * allows: the SDK parses them strictly, so an extra field would break an unmodified {@code useChat}.
 */
final class UiChunks {

    /** The SSE payload that ends every stream. */
    static final String DONE = "[DONE]";

    private UiChunks() {
    }

    static ObjectNode start(String messageId, JsonNode metadata) {
        ObjectNode chunk = type("start").put("messageId", messageId);
        if (metadata != null) {
            chunk.set("messageMetadata", metadata);
        }
        return chunk;
    }

    static ObjectNode startStep() {
        return type("start-step");
    }

    static ObjectNode finishStep() {
        return type("finish-step");
    }

    static ObjectNode textStart(String id) {
        return type("text-start").put("id", id);
    }

    static ObjectNode textDelta(String id, String delta) {
        return type("text-delta").put("id", id).put("delta", delta);
    }

    static ObjectNode textEnd(String id) {
        return type("text-end").put("id", id);
    }

    static ObjectNode reasoningStart(String id) {
        return type("reasoning-start").put("id", id);
    }

    static ObjectNode reasoningDelta(String id, String delta) {
        return type("reasoning-delta").put("id", id).put("delta", delta);
    }

    static ObjectNode reasoningEnd(String id) {
        return type("reasoning-end").put("id", id);
    }

    static ObjectNode toolInputStart(String toolCallId, String toolName) {
        return type("tool-input-start").put("toolCallId", toolCallId).put("toolName", toolName).put("dynamic", true);
    }

    static ObjectNode toolInputDelta(String toolCallId, String delta) {
        return type("tool-input-delta").put("toolCallId", toolCallId).put("inputTextDelta", delta);
    }

    static ObjectNode toolInputAvailable(String toolCallId, String toolName, JsonNode input) {
        ObjectNode chunk = type("tool-input-available").put("toolCallId", toolCallId).put("toolName", toolName);
        chunk.set("input", input);
        return chunk.put("dynamic", true);
    }

    static ObjectNode toolOutputAvailable(String toolCallId, JsonNode output) {
        ObjectNode chunk = type("tool-output-available").put("toolCallId", toolCallId);
        chunk.set("output", output);
        return chunk.put("dynamic", true);
    }

    static ObjectNode toolOutputError(String toolCallId, String errorText) {
        return type("tool-output-error").put("toolCallId", toolCallId).put("errorText", errorText).put("dynamic", true);
    }

    /** A transient notice the UI may show (an MCP server that could not be reached); it is not saved. */
    static ObjectNode notice(String level, String text) {
        ObjectNode chunk = type("data-notice");
        chunk.putObject("data").put("level", level).put("text", text);
        return chunk.put("transient", true);
    }

    static ObjectNode finish(JsonNode metadata) {
        ObjectNode chunk = type("finish");
        chunk.set("messageMetadata", metadata);
        return chunk;
    }

    static ObjectNode error(String errorText) {
        return type("error").put("errorText", errorText);
    }

    static ObjectNode abort() {
        return type("abort");
    }

    private static ObjectNode type(String type) {
        return ChatJson.MAPPER.createObjectNode().put("type", type);
    }
}
