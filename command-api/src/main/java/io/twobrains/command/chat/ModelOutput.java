package io.twobrains.command.chat;

import io.twobrains.contract.generation.TokenUsage;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** What a model produced, the same for every provider whatever its wire protocol and quirks. */
sealed interface ModelOutput {

    record Text(String delta) implements ModelOutput {
    }

    record Reasoning(String delta) implements ModelOutput {
    }

    /** Tool calls the model asks for; arguments are whole, never fragments. */
    record ToolCalls(List<Call> calls) implements ModelOutput {
    }

    record Call(String id, String name, JsonNode arguments) {
    }

    /** Tokens so far; the last one seen counts. */
    record Usage(TokenUsage usage) implements ModelOutput {
    }

    /** Why the step ended, in the AI SDK's words (stop, length, tool-calls, content-filter, other). */
    record Finish(String reason) implements ModelOutput {
    }
}
