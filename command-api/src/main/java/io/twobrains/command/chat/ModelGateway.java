package io.twobrains.command.chat;

import com.openai.client.OpenAIClientAsyncImpl;
import com.openai.client.OpenAIClientImpl;
import com.openai.core.ClientOptions;
import io.twobrains.command.crypto.SecretSealer;
import io.twobrains.command.mcp.McpUrlPolicy;
import io.twobrains.contract.generation.TokenUsage;
import io.twobrains.contract.json.ChatJson;
import io.twobrains.contract.model.Model;
import io.twobrains.contract.model.ModelCatalog;
import io.twobrains.contract.profile.ReasoningEffort;
import io.twobrains.contract.view.ChatContextView;
import io.twobrains.service.problem.ApiProblem;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import com.google.genai.Client;
import com.google.genai.types.HttpOptions;
import com.google.genai.types.HttpRetryOptions;
import org.springframework.ai.anthropic.AnthropicChatModel;
import org.springframework.ai.anthropic.AnthropicChatOptions;
import org.springframework.ai.google.genai.GoogleGenAiChatModel;
import org.springframework.ai.google.genai.GoogleGenAiChatOptions;
import org.springframework.ai.ollama.OllamaChatModel;
import org.springframework.ai.ollama.api.OllamaApi;
import org.springframework.ai.ollama.api.OllamaChatOptions;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Reaches models through Spring AI: picks the credentials (the user's own key for the provider if
 * there is one, else the app's key for a free model), builds the provider's chat model, and turns its
 * stream into {@link ModelOutput}s. A user's key is opened here and nowhere else, only for the call.
 */
@Component
public class ModelGateway {

    static final String DEMO = "demo";
    private static final int CACHED_MODELS = 256;

    private final ChatProperties properties;
    private final SecretSealer sealer;
    private final DemoChatModel demo;
    private static final RetryTemplate NO_RETRY = new RetryTemplate(RetryPolicy.builder().maxRetries(0).build());

    private final WebClient.Builder webClients;
    private final McpUrlPolicy urls;
    private final GenerationThreads generationThreads;
    /** One transport for every OpenAI-protocol model, so connections are pooled across keys. */
    private final OpenAiTransport openAiTransport = new OpenAiTransport(Duration.ofSeconds(10));
    private final Map<String, ChatModel> models = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, ChatModel> eldest) {
            return size() > CACHED_MODELS;
        }
    };

    public ModelGateway(ChatProperties properties, SecretSealer sealer, WebClient.Builder webClients, McpUrlPolicy urls,
            GenerationThreads generationThreads) {
        this.properties = properties;
        this.generationThreads = generationThreads;
        this.urls = urls;
        this.webClients = webClients;
        this.sealer = sealer;
        this.demo = new DemoChatModel(properties.demoTokenDelay());
    }

    /** A model with the credentials it will run on. */
    public record Target(Model model, boolean byok, String baseUrl, String apiKeyRef) {

        @Override
        public String toString() {
            return "Target[" + model.id() + ", byok=" + byok + "]";
        }
    }

    /** Whether the model can run for this user, and on whose key; a 400 problem if it cannot. */
    Target target(Model model, ChatContextView context) {
        String provider = model.provider();
        if (DEMO.equals(provider)) {
            return new Target(model, false, null, null);
        }
        ChatContextView.Key own = context.apiKeys().get(provider);
        ChatProperties.ProviderEndpoint configured = properties.providers().get(provider);
        if (own != null) {
            // The user's key goes to the user's endpoint, else to where this deployment reaches the provider.
            String baseUrl = own.baseUrl() != null ? own.baseUrl()
                    : configured != null && configured.baseUrl() != null ? configured.baseUrl().toString() : null;
            return new Target(model, true, baseUrl, provider);
        }
        if (model.tier() == Model.Tier.BYOK) {
            throw ApiProblem.badRequest(model.id() + " needs your own " + provider + " key (PUT /api/settings/api-keys/" + provider + ")");
        }
        ChatProperties.ProviderEndpoint app = properties.providers().get(provider);
        if (app == null || app.baseUrl() == null && (app.apiKey() == null || app.apiKey().isBlank())) {
            throw ApiProblem.badRequest(model.id() + " is not available here: no " + provider + " provider is configured");
        }
        return new Target(model, false, app.baseUrl() == null ? null : app.baseUrl().toString(), null);
    }

    /** The model's reply to the messages, as normalized outputs. Errors are the provider's, unwrapped. */
    Flux<ModelOutput> stream(String userId, Target target, List<Message> messages, ReasoningEffort effort,
            ChatContextView context, List<ToolCallback> tools) {
        ChatModel chatModel = chatModel(userId, target, context);
        Prompt prompt = new Prompt(messages, options(target, effort, tools));
        ReasoningDeltas reasoning = new ReasoningDeltas();
        // Providers repeat usage as it grows; the last figure of a call is its usage.
        ModelOutput.Usage[] lastUsage = {null};
        // Some SDKs read the whole stream on the subscribing thread: a reply thread, not a shared one.
        return Flux.defer(() -> chatModel.stream(prompt))
                .subscribeOn(generationThreads.scheduler())
                .concatMapIterable(response -> outputs(response, reasoning))
                .filter(output -> {
                    if (output instanceof ModelOutput.Usage usage) {
                        lastUsage[0] = usage;
                        return false;
                    }
                    return true;
                })
                .concatWith(Flux.defer(() -> lastUsage[0] == null ? Flux.empty() : Flux.just(lastUsage[0])))
                .onErrorMap(ModelGateway::unwrap);
    }

    /** A one-shot call (titles). */
    Mono<String> call(String userId, Target target, List<Message> messages, ChatContextView context) {
        ChatModel chatModel = chatModel(userId, target, context);
        return Mono.fromCallable(() -> chatModel.call(new Prompt(messages, options(target, ReasoningEffort.OFF, List.of()))))
                .subscribeOn(generationThreads.scheduler())
                .map(response -> response.getResult() == null || response.getResult().getOutput().getText() == null
                        ? "" : response.getResult().getOutput().getText());
    }

    private ChatModel chatModel(String userId, Target target, ChatContextView context) {
        String provider = target.model().provider();
        if (DEMO.equals(provider)) {
            return demo;
        }
        String key;
        String baseUrl = target.baseUrl();
        if (target.byok()) {
            ChatContextView.Key own = context.apiKeys().get(target.apiKeyRef());
            if (own.baseUrl() != null) {
                // A user's endpoint is checked again when used: its name may resolve elsewhere by now.
                urls.check(own.baseUrl()).ifPresent(reason -> {
                    throw ApiProblem.badRequest("your " + provider + " endpoint is refused: " + reason);
                });
            }
            key = new String(sealer.open(userId, SecretSealer.KEY_PURPOSE + ":" + target.apiKeyRef(), own.secret()),
                    StandardCharsets.UTF_8);
        } else {
            ChatProperties.ProviderEndpoint app = properties.providers().get(provider);
            key = app.apiKey() == null ? "" : app.apiKey();
        }
        // A digest, never a hash code: two users' keys must never share a model (and the key is not kept as text).
        String cacheKey = provider + "\n" + baseUrl + "\n" + digest(key);
        synchronized (models) {
            ChatModel cached = models.get(cacheKey);
            if (cached != null) {
                return cached;
            }
            ChatModel built = build(provider, baseUrl, key, target.model());
            models.put(cacheKey, built);
            return built;
        }
    }

    private ChatModel build(String provider, String baseUrl, String key, Model model) {
        return switch (provider) {
            case "openai", "openai-compatible" -> {
                ClientOptions client = ClientOptions.builder()
                        .httpClient(openAiTransport)
                        .baseUrl(baseUrl == null ? "https://api.openai.com/v1" : baseUrl)
                        .apiKey(key)
                        .maxRetries(0)
                        .timeout(properties.firstTokenTimeout())
                        .build();
                yield OpenAiChatModel.builder()
                        .openAiClient(new OpenAIClientImpl(client))
                        .openAiClientAsync(new OpenAIClientAsyncImpl(client))
                        .options(OpenAiChatOptions.builder()
                                .model(ModelCatalog.providerModelName(model))
                                .build())
                        .build();
            }
            case "anthropic" -> AnthropicChatModel.builder()
                    .options(AnthropicChatOptions.builder()
                            .baseUrl(baseUrl == null ? "https://api.anthropic.com" : baseUrl)
                            .apiKey(key)
                            .model(model.id())
                            .maxTokens(maxTokens(model))
                            .maxRetries(0)
                            .timeout(properties.firstTokenTimeout())
                            .build())
                    .build();
            case "google" -> GoogleGenAiChatModel.builder()
                    .genAiClient(Client.builder()
                            .apiKey(key)
                            .httpOptions(HttpOptions.builder()
                                    .baseUrl(baseUrl == null ? "https://generativelanguage.googleapis.com/" : baseUrl)
                                    .apiVersion("v1beta")
                                    .timeout((int) properties.firstTokenTimeout().toMillis())
                                    .retryOptions(HttpRetryOptions.builder().attempts(1).build())
                                    .build())
                            .build())
                    .options(GoogleGenAiChatOptions.builder().model(model.id()).build())
                    .retryTemplate(NO_RETRY)
                    .build();
            case "ollama" -> {
                WebClient.Builder web = webClients.clone();
                RestClient.Builder rest = RestClient.builder();
                if (!key.isEmpty()) {
                    web.defaultHeader("Authorization", "Bearer " + key);
                    rest.defaultHeader("Authorization", "Bearer " + key);
                }
                yield OllamaChatModel.builder()
                        .ollamaApi(OllamaApi.builder()
                                .baseUrl(baseUrl == null ? "http://localhost:11434" : baseUrl)
                                .webClientBuilder(web)
                                .restClientBuilder(rest)
                                .build())
                        .options(OllamaChatOptions.builder().model(model.id()).build())
                        .retryTemplate(NO_RETRY)
                        .build();
            }
            default -> throw ApiProblem.badRequest(model.id() + " is not available here: provider " + provider
                    + " is not supported");
        };
    }

    private static String digest(String key) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Room for the reply (and thinking), within what the model can write. */
    private static int maxTokens(Model model) {
        return (int) Math.min(model.maxOutput(), 32_000);
    }

    private static ChatOptions options(Target target, ReasoningEffort effort, List<ToolCallback> tools) {
        Model model = target.model();
        boolean reasons = model.capabilities().contains("reasoning") && effort != null && effort != ReasoningEffort.OFF;
        return switch (model.provider()) {
            case "openai", "openai-compatible" -> {
                OpenAiChatOptions.Builder options = OpenAiChatOptions.builder().model(ModelCatalog.providerModelName(model))
                        .streamUsage(true);
                if (!tools.isEmpty()) {
                    options.toolCallbacks(tools);
                }
                if (reasons) {
                    options.reasoningEffort(effort.name().toLowerCase(Locale.ROOT));
                }
                yield options.build();
            }
            case "anthropic" -> {
                AnthropicChatOptions.Builder options = AnthropicChatOptions.builder().model(model.id()).maxTokens(maxTokens(model));
                if (!tools.isEmpty()) {
                    options.toolCallbacks(tools);
                }
                if (reasons) {
                    int budget = switch (effort) {
                        case LOW -> 1_024;
                        case MEDIUM -> 4_096;
                        default -> 16_000;
                    };
                    options.thinkingEnabled(Math.min(budget, maxTokens(model) - 1_024));
                }
                yield options.build();
            }
            case "google" -> {
                GoogleGenAiChatOptions.Builder options = GoogleGenAiChatOptions.builder().model(model.id());
                if (!tools.isEmpty()) {
                    options.toolCallbacks(tools);
                }
                if (reasons) {
                    options.thinkingBudget(switch (effort) {
                        case LOW -> 1_024;
                        case MEDIUM -> 8_192;
                        default -> 24_576;
                    }).includeThoughts(true);
                }
                yield options.build();
            }
            case "ollama" -> {
                OllamaChatOptions.Builder options = OllamaChatOptions.builder().model(model.id());
                if (!tools.isEmpty()) {
                    options.toolCallbacks(tools);
                }
                if (reasons) {
                    switch (effort) {
                        case LOW -> options.thinkLow();
                        case MEDIUM -> options.thinkMedium();
                        default -> options.thinkHigh();
                    }
                }
                yield options.build();
            }
            default -> ChatOptions.builder().model(model.id()).build();
        };
    }

    /** One provider response as outputs: text, reasoning (made incremental), tool calls, usage and finish. */
    private static List<ModelOutput> outputs(ChatResponse response, ReasoningDeltas reasoning) {
        List<ModelOutput> outputs = new ArrayList<>(3);
        if (response.getResult() != null) {
            AssistantMessage message = response.getResult().getOutput();
            Object cumulative = message.getMetadata().get("reasoningContent");
            if (cumulative instanceof String all) {
                String delta = reasoning.next(all);
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
                List<ModelOutput.Call> calls = new ArrayList<>();
                int index = 0;
                for (AssistantMessage.ToolCall call : message.getToolCalls()) {
                    String id = call.id() == null || call.id().isBlank() ? "call_" + index : call.id();
                    calls.add(new ModelOutput.Call(id, call.name(), ChatJson.MAPPER.readTree(
                            call.arguments() == null || call.arguments().isBlank() ? "{}" : call.arguments())));
                    index++;
                }
                outputs.add(new ModelOutput.ToolCalls(calls));
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

    /** Reasoning tokens, where the provider reports them (OpenAI's completion details). */
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
    static String finishReason(String providerReason) {
        return switch (providerReason.toLowerCase(Locale.ROOT)) {
            case "stop", "end_turn", "stop_sequence" -> "stop";
            case "length", "max_tokens" -> "length";
            case "tool_calls", "tool_use", "function_call" -> "tool-calls";
            case "content_filter", "safety", "refusal" -> "content-filter";
            default -> "other";
        };
    }

    /** The provider's error, without the wrappers SDKs add. */
    private static Throwable unwrap(Throwable error) {
        Throwable current = error;
        while ((current instanceof java.util.concurrent.CompletionException
                || current.getClass() == RuntimeException.class) && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    /** Some providers send the reasoning so far with each chunk; this yields only what is new. */
    private static final class ReasoningDeltas {
        private String seen = "";

        String next(String all) {
            String delta = all.startsWith(seen) ? all.substring(seen.length()) : all;
            seen = all;
            return delta;
        }
    }

}
