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

    /** Tokens one model call used (one per step; a generation's usage is the sum of its steps). */
    record Usage(TokenUsage usage) implements ModelOutput {
    }

    /** A tool's answer to a call, run by twobrains (not the model's provider). */
    record ToolResult(String callId, JsonNode output) implements ModelOutput {
    }

    record ToolFailure(String callId, String error) implements ModelOutput {
    }

    /** The model is called again, with the tool results: a new step of the generation. */
    record NextStep() implements ModelOutput {
    }

    /** Something the user should know that is not part of the generation (a tool server that is not reachable). */
    record Notice(String level, String text) implements ModelOutput {
    }

    /** Why the step ended, in the AI SDK's words (stop, length, tool-calls, content-filter, other). */
    record Finish(String reason) implements ModelOutput {
    }
}
