package io.twobrains.command.chat;

import io.twobrains.contract.generation.TokenUsage;
import io.twobrains.contract.json.ChatJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.chat.model.ChatResponse;

/**
 * Reads the responses of one model call as {@link ModelOutput}s: text, reasoning (made incremental),
 * tool calls with whole arguments, usage and the finish reason in the AI SDK's words. Spring AI puts
 * each provider's quirks in its own metadata keys; they all end up here. One instance per call: it
 * remembers the reasoning seen so far.
 */
final class ResponseOutputs {

    /** Some providers send the reasoning so far with each chunk; only what is new is an output. */
    private String reasoningSeen = "";

    List<ModelOutput> of(ChatResponse response) {
        List<ModelOutput> outputs = new ArrayList<>(3);
        if (response.getResult() != null) {
            AssistantMessage message = response.getResult().getOutput();
            Object cumulative = message.getMetadata().get("reasoningContent");
            if (cumulative instanceof String all) {
                String delta = all.startsWith(reasoningSeen) ? all.substring(reasoningSeen.length()) : all;
                reasoningSeen = all;
                if (!delta.isEmpty()) {
                    outputs.add(new ModelOutput.Reasoning(delta));
                }
            }
            Object thinking = message.getMetadata().get("thinking");
            if (thinking instanceof String delta && !delta.isEmpty()) {
                outputs.add(new ModelOutput.Reasoning(delta));
            }
            if (Boolean.TRUE.equals(message.getMetadata().get("isThought"))) {
                outputs.add(new ModelOutput.Reasoning(message.getText() == null ? "" : message.getText()));
            } else if (message.getText() != null && !message.getText().isEmpty()) {
                outputs.add(new ModelOutput.Text(message.getText()));
            }
            if (message.hasToolCalls()) {
                outputs.add(toolCalls(message));
            }
            String finish = response.getResult().getMetadata() == null ? null
                    : response.getResult().getMetadata().getFinishReason();
            if (finish != null && !finish.isBlank()) {
                outputs.add(new ModelOutput.Finish(finishReason(finish)));
            }
        }
        if (response.getMetadata() != null && response.getMetadata().getUsage() != null) {
            Usage usage = response.getMetadata().getUsage();
            long input = usage.getPromptTokens() == null ? 0 : usage.getPromptTokens();
            long output = usage.getCompletionTokens() == null ? 0 : usage.getCompletionTokens();
            if (input > 0 || output > 0) {
                outputs.add(new ModelOutput.Usage(new TokenUsage(input, output, reasoningTokens(usage))));
            }
        }
        return outputs;
    }

    private static ModelOutput.ToolCalls toolCalls(AssistantMessage message) {
        List<ModelOutput.Call> calls = new ArrayList<>();
        int index = 0;
        for (AssistantMessage.ToolCall call : message.getToolCalls()) {
            String id = call.id() == null || call.id().isBlank() ? "call_" + index : call.id();
            calls.add(new ModelOutput.Call(id, call.name(), ChatJson.MAPPER.readTree(
                    call.arguments() == null || call.arguments().isBlank() ? "{}" : call.arguments())));
            index++;
        }
        return new ModelOutput.ToolCalls(calls);
    }

    /** Reasoning tokens, where the provider reports them (OpenAI's completion details, Gemini's thoughts). */
    private static long reasoningTokens(Usage usage) {
        if (usage.getNativeUsage() instanceof com.openai.models.completions.CompletionUsage openAi) {
            return openAi.completionTokensDetails().flatMap(d -> d.reasoningTokens()).orElse(0L);
        }
        if (usage instanceof org.springframework.ai.google.genai.metadata.GoogleGenAiUsage gemini
                && gemini.getThoughtsTokenCount() != null) {
            return gemini.getThoughtsTokenCount();
        }
        return 0;
    }

    /** Provider finish reasons in the AI SDK's words. */
    private static String finishReason(String providerReason) {
        return switch (providerReason.toLowerCase(Locale.ROOT)) {
            case "stop", "end_turn", "stop_sequence" -> "stop";
            case "length", "max_tokens" -> "length";
            case "tool_calls", "tool_use", "function_call" -> "tool-calls";
            case "content_filter", "safety", "refusal" -> "content-filter";
            default -> "other";
        };
    }
}
