package io.twobrains.command.chat.provider;

import com.google.genai.Client;
import com.google.genai.types.HttpOptions;
import com.google.genai.types.HttpRetryOptions;
import io.twobrains.contract.model.Model;
import io.twobrains.contract.profile.ReasoningEffort;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.google.genai.GoogleGenAiChatModel;
import org.springframework.ai.google.genai.GoogleGenAiChatOptions;
import org.springframework.ai.tool.ToolCallback;

/** Gemini through Google's GenAI SDK (the Developer API, {@code v1beta}); reasoning is a thinking budget. */
public final class GoogleProvider implements ChatProvider {

    private static final String PUBLIC_ENDPOINT = "https://generativelanguage.googleapis.com/";

    private final Duration firstTokenTimeout;

    GoogleProvider(Duration firstTokenTimeout) {
        this.firstTokenTimeout = firstTokenTimeout;
    }

    @Override
    public Set<String> ids() {
        return Set.of("google");
    }

    @Override
    public ChatModel build(Endpoint endpoint, Model model) {
        return GoogleGenAiChatModel.builder()
                .genAiClient(Client.builder()
                        .apiKey(endpoint.key())
                        .httpOptions(HttpOptions.builder()
                                .baseUrl(endpoint.baseUrl() == null ? PUBLIC_ENDPOINT : endpoint.baseUrl())
                                .apiVersion("v1beta")
                                .timeout((int) firstTokenTimeout.toMillis())
                                .retryOptions(HttpRetryOptions.builder().attempts(1).build())
                                .build())
                        .build())
                .options(GoogleGenAiChatOptions.builder().model(model.id()).build())
                .retryTemplate(NoRetry.TEMPLATE)
                .build();
    }

    @Override
    public ChatOptions options(Model model, ReasoningEffort effort, List<ToolCallback> tools) {
        GoogleGenAiChatOptions.Builder options = GoogleGenAiChatOptions.builder().model(model.id());
        if (!tools.isEmpty()) {
            options.toolCallbacks(tools);
        }
        if (ChatProvider.reasons(model, effort)) {
            options.thinkingBudget(switch (effort) {
                case LOW -> 1_024;
                case MEDIUM -> 8_192;
                default -> 24_576;
            }).includeThoughts(true);
        }
        return options.build();
    }
}
