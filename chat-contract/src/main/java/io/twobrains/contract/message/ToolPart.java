package io.twobrains.contract.message;

import io.twobrains.contract.content.Redacted;
import io.twobrains.contract.content.ContentCipher;

import io.twobrains.contract.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A tool call of an assistant message and its outcome: the AI SDK's {@code dynamic-tool} part, used
 * for tools that are discovered at run time (MCP).
 *
 * @param state     {@code output-available} or {@code output-error} once the call ended
 * @param input     the arguments the model gave
 * @param output    the tool's result, if it succeeded
 * @param errorText why it failed, if it did
 */
public record ToolPart(String toolName, String toolCallId, String state, JsonNode input, @Nullable JsonNode output,
        @Nullable String errorText) implements Part {

    public static final String OUTPUT_AVAILABLE = "output-available";
    public static final String OUTPUT_ERROR = "output-error";

    @Override
    public int length() {
        return size(input) + size(output) + (errorText == null ? 0
                : ContentCipher.isSealed(errorText) ? ContentCipher.plainBytes(errorText) : errorText.length());
    }

    private static int size(JsonNode node) {
        if (node == null) {
            return 0;
        }
        return node.isString() && ContentCipher.isSealed(node.asString()) ? ContentCipher.plainBytes(node.asString())
                : node.toString().length();
    }

    @Override
    public String toString() {
        return "ToolPart[toolName=" + toolName + ", toolCallId=" + toolCallId + ", state=" + state + ", input="
                + Redacted.of((Object) input) + ", output=" + Redacted.of((Object) output) + ", errorText="
                + Redacted.of(errorText) + "]";
    }

    @Override
    public <R> R accept(Part.Visitor<R> visitor) {
        return visitor.visit(this);
    }
}
