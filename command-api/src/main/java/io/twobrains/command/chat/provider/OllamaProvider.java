package io.twobrains.command.chat.provider;

import io.twobrains.contract.model.Model;
import io.twobrains.contract.profile.ReasoningEffort;
import java.util.List;
import java.util.Set;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.ollama.OllamaChatModel;
import org.springframework.ai.ollama.api.OllamaApi;
import org.springframework.ai.ollama.api.OllamaChatOptions;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

/** An Ollama server the deployment runs (a key, if any, goes as a bearer token to a proxy in front of it). */
public final class OllamaProvider implements ChatProvider {

    private static final String LOCAL_ENDPOINT = "http://localhost:11434";

    private final WebClient.Builder webClients;

    OllamaProvider(WebClient.Builder webClients) {
        this.webClients = webClients;
    }

    @Override
    public Set<String> ids() {
        return Set.of("ollama");
    }

    @Override
    public ChatModel build(Endpoint endpoint, Model model) {
        WebClient.Builder web = webClients.clone();
        RestClient.Builder rest = RestClient.builder();
        if (!endpoint.key().isEmpty()) {
            web.defaultHeader("Authorization", "Bearer " + endpoint.key());
            rest.defaultHeader("Authorization", "Bearer " + endpoint.key());
        }
        return OllamaChatModel.builder()
                .ollamaApi(OllamaApi.builder()
                        .baseUrl(endpoint.baseUrl() == null ? LOCAL_ENDPOINT : endpoint.baseUrl())
                        .webClientBuilder(web)
                        .restClientBuilder(rest)
                        .build())
                .options(OllamaChatOptions.builder().model(model.id()).build())
                .retryTemplate(NoRetry.TEMPLATE)
                .build();
    }

    @Override
    public ChatOptions options(Model model, ReasoningEffort effort, List<ToolCallback> tools) {
        OllamaChatOptions.Builder options = OllamaChatOptions.builder().model(model.id());
        if (!tools.isEmpty()) {
            options.toolCallbacks(tools);
        }
        if (ChatProvider.reasons(model, effort)) {
            switch (effort) {
                case LOW -> options.thinkLow();
                case MEDIUM -> options.thinkMedium();
                default -> options.thinkHigh();
            }
        }
        return options.build();
    }
}
