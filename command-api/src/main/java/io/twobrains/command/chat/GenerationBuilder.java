package io.twobrains.command.chat;

import io.twobrains.contract.message.Part;
import io.twobrains.contract.message.ReasoningPart;
import io.twobrains.contract.message.StepStartPart;
import io.twobrains.contract.message.TextPart;
import io.twobrains.contract.message.ToolPart;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns a model's output, piece by piece, into both things a generation is: the UI stream chunks sent to
 * the client (and to followers), and the message parts that are saved. Both come from the same calls,
 * so what a client saw streamed is exactly what is stored. Not thread-safe: one generation drives it.
 */
final class GenerationBuilder {

    private final Consumer<ObjectNode> out;
    private final List<Part> parts = new ArrayList<>();
    private final Map<String, ToolPart> pendingTools = new LinkedHashMap<>();
    private StringBuilder text;
    private String textId;
    private StringBuilder reasoning;
    private String reasoningId;
    private boolean inStep;
    private int blocks;
    private long characters;

    GenerationBuilder(Consumer<ObjectNode> out) {
        this.out = out;
    }

    void startStep() {
        if (inStep) {
            finishStep();
        }
        inStep = true;
        parts.add(new StepStartPart());
        out.accept(UiChunks.startStep());
    }

    void text(String delta) {
        if (delta == null || delta.isEmpty()) {
            return;
        }
        ensureStep();
        closeReasoning();
        if (text == null) {
            text = new StringBuilder();
            textId = "text-" + (++blocks);
            out.accept(UiChunks.textStart(textId));
        }
        text.append(delta);
        characters += delta.length();
        out.accept(UiChunks.textDelta(textId, delta));
    }

    void reasoning(String delta) {
        if (delta == null || delta.isEmpty()) {
            return;
        }
        ensureStep();
        closeText();
        if (reasoning == null) {
            reasoning = new StringBuilder();
            reasoningId = "reasoning-" + (++blocks);
            out.accept(UiChunks.reasoningStart(reasoningId));
        }
        reasoning.append(delta);
        characters += delta.length();
        out.accept(UiChunks.reasoningDelta(reasoningId, delta));
    }

    void toolCall(String toolCallId, String toolName, JsonNode input) {
        ensureStep();
        closeText();
        closeReasoning();
        out.accept(UiChunks.toolInputStart(toolCallId, toolName));
        out.accept(UiChunks.toolInputAvailable(toolCallId, toolName, input));
        pendingTools.put(toolCallId, new ToolPart(toolName, toolCallId, "input-available", input, null, null));
    }

    void toolResult(String toolCallId, JsonNode output) {
        ToolPart call = pendingTools.remove(toolCallId);
        if (call == null) {
            return;
        }
        out.accept(UiChunks.toolOutputAvailable(toolCallId, output));
        parts.add(new ToolPart(call.toolName(), toolCallId, ToolPart.OUTPUT_AVAILABLE, call.input(), output, null));
    }

    void toolError(String toolCallId, String errorText) {
        ToolPart call = pendingTools.remove(toolCallId);
        if (call == null) {
            return;
        }
        out.accept(UiChunks.toolOutputError(toolCallId, errorText));
        parts.add(new ToolPart(call.toolName(), toolCallId, ToolPart.OUTPUT_ERROR, call.input(), null, errorText));
    }

    /** Closes whatever is open; after it, {@link #parts()} is the whole generation. */
    void finishStep() {
        closeText();
        closeReasoning();
        pendingTools.keySet().stream().toList().forEach(id -> toolError(id, "the reply ended before the tool answered"));
        if (inStep) {
            inStep = false;
            out.accept(UiChunks.finishStep());
        }
    }

    /** The generation as saved: empty when nothing but step markers was produced. */
    List<Part> parts() {
        boolean content = parts.stream().anyMatch(p -> !(p instanceof StepStartPart));
        return content ? List.copyOf(parts) : List.of();
    }

    /** The visible text produced so far (for titles and previews). */
    String plainText() {
        StringBuilder all = new StringBuilder();
        parts.stream().filter(TextPart.class::isInstance).forEach(p -> all.append(((TextPart) p).text()));
        if (text != null) {
            all.append(text);
        }
        return all.toString();
    }

    long characters() {
        return characters;
    }

    private void ensureStep() {
        if (!inStep) {
            startStep();
        }
    }

    private void closeText() {
        if (text != null) {
            parts.add(new TextPart(text.toString()));
            out.accept(UiChunks.textEnd(textId));
            text = null;
        }
    }

    private void closeReasoning() {
        if (reasoning != null) {
            parts.add(new ReasoningPart(reasoning.toString()));
            out.accept(UiChunks.reasoningEnd(reasoningId));
            reasoning = null;
        }
    }
}
