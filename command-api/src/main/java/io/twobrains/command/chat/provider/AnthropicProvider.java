package io.twobrains.command.chat.provider;

import io.twobrains.contract.model.Model;
import io.twobrains.contract.profile.ReasoningEffort;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.springframework.ai.anthropic.AnthropicChatModel;
import org.springframework.ai.anthropic.AnthropicChatOptions;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.tool.ToolCallback;

/** Anthropic's Messages API; reasoning is extended thinking with a token budget. */
public final class AnthropicProvider implements ChatProvider {

    private static final String PUBLIC_ENDPOINT = "https://api.anthropic.com";

    private final Duration firstTokenTimeout;

    AnthropicProvider(Duration firstTokenTimeout) {
        this.firstTokenTimeout = firstTokenTimeout;
    }

    @Override
    public Set<String> ids() {
        return Set.of("anthropic");
    }

    @Override
    public ChatModel build(Endpoint endpoint, Model model) {
        return AnthropicChatModel.builder()
                .options(AnthropicChatOptions.builder()
                        .baseUrl(endpoint.baseUrl() == null ? PUBLIC_ENDPOINT : endpoint.baseUrl())
                        .apiKey(endpoint.key())
                        .model(model.id())
                        .maxTokens(ChatProvider.maxTokens(model))
                        .maxRetries(0)
                        .timeout(firstTokenTimeout)
                        .build())
                .build();
    }

    @Override
    public ChatOptions options(Model model, ReasoningEffort effort, List<ToolCallback> tools) {
        AnthropicChatOptions.Builder options = AnthropicChatOptions.builder().model(model.id())
                .maxTokens(ChatProvider.maxTokens(model));
        if (!tools.isEmpty()) {
            options.toolCallbacks(tools);
        }
        if (ChatProvider.reasons(model, effort)) {
            int budget = switch (effort) {
                case LOW -> 1_024;
                case MEDIUM -> 4_096;
                default -> 16_000;
            };
            // The budget must leave room for the answer itself.
            options.thinkingEnabled(Math.min(budget, ChatProvider.maxTokens(model) - 1_024));
        }
        return options.build();
    }
}
