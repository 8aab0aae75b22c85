package io.twobrains.command.chat;

import io.twobrains.command.chat.provider.Endpoint;
import io.twobrains.crypto.SecretSealer;
import io.twobrains.contract.view.ChatContextView;
import java.nio.charset.StandardCharsets;

/**
 * Opens the key a {@link Target} runs on, just before the call: the user's sealed key (opened with
 * the user's id and the key's purpose, so it opens for no one else), or the app's configured key. A
 * user's key is opened here and nowhere else, and only kept by the SDK client that carries it.
 */
final class Credentials {

    private final ChatProperties properties;
    private final SecretSealer sealer;

    Credentials(ChatProperties properties, SecretSealer sealer) {
        this.properties = properties;
        this.sealer = sealer;
    }

    Endpoint open(String userId, Target target, ChatContextView context) {
        if (target.byok()) {
            ChatContextView.Key own = context.apiKeys().get(target.apiKeyRef());
            String key = new String(sealer.open(userId, SecretSealer.KEY_PURPOSE + ":" + target.apiKeyRef(), own.secret()),
                    StandardCharsets.UTF_8);
            // A user's own URL is checked by each connection to it, not here (its name may resolve elsewhere later).
            return new Endpoint(target.baseUrl(), own.baseUrl() != null, key);
        }
        ChatProperties.ProviderEndpoint app = properties.providers().get(target.model().provider());
        return new Endpoint(target.baseUrl(), false, app == null || app.apiKey() == null ? "" : app.apiKey());
    }
}
