package io.twobrains.command.chat.provider;

import com.openai.client.OpenAIClientAsyncImpl;
import com.openai.client.OpenAIClientImpl;
import com.openai.core.ClientOptions;
import io.twobrains.command.egress.PinnedHttp;
import io.twobrains.contract.model.Model;
import io.twobrains.contract.model.ModelCatalog;
import io.twobrains.contract.profile.ReasoningEffort;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.ai.tool.ToolCallback;

/**
 * OpenAI, and any endpoint that speaks its chat-completions protocol. A URL a user gave is reached
 * only through the pinned client; the deployment's endpoints through a plain one. Each transport
 * pools its connections across keys.
 */
public final class OpenAiProvider implements ChatProvider {

    private static final String PUBLIC_ENDPOINT = "https://api.openai.com/v1";

    private final Duration firstTokenTimeout;
    private final OpenAiTransport deployments;
    private final OpenAiTransport users;

    OpenAiProvider(Duration firstTokenTimeout, PinnedHttp pinned) {
        this.firstTokenTimeout = firstTokenTimeout;
        this.deployments = new OpenAiTransport(OpenAiTransport.plainHttp());
        this.users = new OpenAiTransport(pinned.client());
    }

    @Override
    public Set<String> ids() {
        return Set.of("openai", "openai-compatible");
    }

    @Override
    public ChatModel build(Endpoint endpoint, Model model) {
        ClientOptions client = ClientOptions.builder()
                .httpClient(endpoint.givenByUser() ? users : deployments)
                .baseUrl(endpoint.baseUrl() == null ? PUBLIC_ENDPOINT : endpoint.baseUrl())
                .apiKey(endpoint.key())
                .maxRetries(0)
                .timeout(firstTokenTimeout)
                .build();
        return OpenAiChatModel.builder()
                .openAiClient(new OpenAIClientImpl(client))
                .openAiClientAsync(new OpenAIClientAsyncImpl(client))
                .options(OpenAiChatOptions.builder().model(ModelCatalog.providerModelName(model)).build())
                .build();
    }

    @Override
    public ChatOptions options(Model model, ReasoningEffort effort, List<ToolCallback> tools) {
        OpenAiChatOptions.Builder options = OpenAiChatOptions.builder().model(ModelCatalog.providerModelName(model))
                .streamUsage(true);
        if (!tools.isEmpty()) {
            options.toolCallbacks(tools);
        }
        if (ChatProvider.reasons(model, effort)) {
            options.reasoningEffort(effort.name().toLowerCase(Locale.ROOT));
        }
        return options.build();
    }
}
