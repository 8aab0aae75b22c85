package io.twobrains.command.chat.provider;

import io.twobrains.command.egress.PinnedHttp;
import io.twobrains.service.problem.ApiProblem;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.web.reactive.function.client.WebClient;

/** Every provider adapter, by the provider ids of the catalog. */
public final class ChatProviders {

    private final Map<String, ChatProvider> byId = new HashMap<>();

    /**
     * @param firstTokenTimeout how long a provider may take to answer at all
     * @param demoTokenDelay    the demo model's pace
     * @param webClients        for Ollama (Spring AI reaches it with WebClient and RestClient)
     * @param pinned            the HTTP client for URLs users give
     */
    public ChatProviders(Duration firstTokenTimeout, Duration demoTokenDelay, WebClient.Builder webClients,
            PinnedHttp pinned) {
        this(List.of(new OpenAiProvider(firstTokenTimeout, pinned), new AnthropicProvider(firstTokenTimeout),
                new GoogleProvider(firstTokenTimeout), new OllamaProvider(webClients), new DemoProvider(demoTokenDelay)));
    }

    ChatProviders(List<ChatProvider> adapters) {
        for (ChatProvider adapter : adapters) {
            for (String id : adapter.ids()) {
                if (byId.putIfAbsent(id, adapter) != null) {
                    throw new IllegalArgumentException("two adapters for provider " + id);
                }
            }
        }
    }

    public Optional<ChatProvider> find(String providerId) {
        return Optional.ofNullable(byId.get(providerId));
    }

    /** The adapter of a provider; a 400 problem if there is none. */
    public ChatProvider of(String providerId) {
        return find(providerId).orElseThrow(() -> ApiProblem.badRequest("provider " + providerId + " is not supported"));
    }
}
