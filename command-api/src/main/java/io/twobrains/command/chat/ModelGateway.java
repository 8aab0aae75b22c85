package io.twobrains.command.chat;

import io.twobrains.command.chat.provider.ChatModelCache;
import io.twobrains.command.chat.provider.ChatProvider;
import io.twobrains.command.chat.provider.ChatProviders;
import io.twobrains.crypto.SecretSealer;
import io.twobrains.command.egress.PinnedHttp;
import io.twobrains.contract.model.Model;
import io.twobrains.contract.profile.ReasoningEffort;
import io.twobrains.contract.view.ChatContextView;
import java.util.List;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Where a generation meets a model: chooses the credentials ({@link Target}), opens them
 * ({@link Credentials}), takes the provider's chat model ({@link ChatProviders}, {@link ChatModelCache}),
 * calls it with the provider's options, and reads what it says as {@link ModelOutput}s.
 */
@Component
public class ModelGateway {

    private final ChatProperties properties;
    private final Credentials credentials;
    private final ChatProviders providers;
    private final ChatModelCache models = new ChatModelCache();
    private final GenerationThreads generationThreads;

    public ModelGateway(ChatProperties properties, SecretSealer sealer, WebClient.Builder webClients, PinnedHttp pinned,
            GenerationThreads generationThreads) {
        this.properties = properties;
        this.credentials = new Credentials(properties, sealer);
        this.providers = new ChatProviders(properties.firstTokenTimeout(), properties.demoTokenDelay(), webClients,
                pinned);
        this.generationThreads = generationThreads;
    }

    /** Whether the model can run for this user, and on whose key; a 400 problem if it cannot. */
    Target target(Model model, ChatContextView context) {
        return Target.choose(model, context, properties);
    }

    /** The model's answer to the messages, as normalized outputs. Errors are the provider's, unwrapped. */
    Flux<ModelOutput> stream(String userId, Target target, List<Message> messages, ReasoningEffort effort,
            ChatContextView context, List<ToolCallback> tools) {
        ChatProvider provider = providers.of(target.model().provider());
        ChatModel chatModel = models.get(provider, credentials.open(userId, target, context), target.model());
        Prompt prompt = new Prompt(messages, provider.options(target.model(), effort, tools));
        ResponseOutputs outputs = new ResponseOutputs();
        // Providers repeat usage as it grows; the last figure of a call is its usage.
        ModelOutput.Usage[] lastUsage = {null};
        // Some SDKs read the whole stream on the subscribing thread: a generation thread, not a shared one.
        return Flux.defer(() -> chatModel.stream(prompt))
                .subscribeOn(generationThreads.scheduler())
                .concatMapIterable(outputs::of)
                .filter(output -> {
                    if (output instanceof ModelOutput.Usage usage) {
                        lastUsage[0] = usage;
                        return false;
                    }
                    return true;
                })
                .concatWith(Flux.defer(() -> lastUsage[0] == null ? Flux.empty() : Flux.just(lastUsage[0])))
                .onErrorMap(ProviderErrors::unwrap);
    }

    /** A one-shot call (titles). */
    Mono<String> call(String userId, Target target, List<Message> messages, ChatContextView context) {
        ChatProvider provider = providers.of(target.model().provider());
        ChatModel chatModel = models.get(provider, credentials.open(userId, target, context), target.model());
        Prompt prompt = new Prompt(messages, provider.options(target.model(), ReasoningEffort.OFF, List.of()));
        return Mono.fromCallable(() -> chatModel.call(prompt))
                .subscribeOn(generationThreads.scheduler())
                .map(response -> response.getResult() == null || response.getResult().getOutput().getText() == null
                        ? "" : response.getResult().getOutput().getText());
    }
}
