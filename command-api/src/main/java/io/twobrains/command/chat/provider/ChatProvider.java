package io.twobrains.command.chat.provider;

import io.twobrains.contract.model.Model;
import io.twobrains.contract.profile.ReasoningEffort;
import java.util.List;
import java.util.Set;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.tool.ToolCallback;

/**
 * What twobrains needs from a model provider: a Spring AI chat model that reaches it, and the
 * options of one call in the provider's own terms. One adapter per provider; which key and endpoint
 * a call runs on is decided before (see {@link Endpoint}), and what comes back is read the same way
 * for every provider.
 */
public sealed interface ChatProvider
        permits OpenAiProvider, AnthropicProvider, GoogleProvider, OllamaProvider, DemoProvider {

    /** The provider ids of the catalog this adapter serves. */
    Set<String> ids();

    /**
     * A chat model on this endpoint and key, with retries off (a failure shows at once). It is
     * cached per endpoint and key, and shared by every model of the provider: each call names its
     * model in its {@link #options}.
     */
    ChatModel build(Endpoint endpoint, Model model);

    /** The options of one call: the model, room to write, the tools offered, and reasoning if asked for. */
    ChatOptions options(Model model, ReasoningEffort effort, List<ToolCallback> tools);

    /** Whether the model should reason for this call. */
    static boolean reasons(Model model, ReasoningEffort effort) {
        return model.capabilities().contains("reasoning") && effort != null && effort != ReasoningEffort.OFF;
    }

    /** Room for the answer (and thinking), within what the model can write. */
    static int maxTokens(Model model) {
        return (int) Math.min(model.maxOutput(), 32_000);
    }
}
