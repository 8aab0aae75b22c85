package io.twobrains.command.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twobrains.command.chat.provider.Endpoint;
import io.twobrains.crypto.SecretSealer;
import io.twobrains.crypto.SecretsProperties;
import io.twobrains.contract.model.Model;
import io.twobrains.contract.model.ModelCatalog;
import io.twobrains.contract.profile.ReasoningEffort;
import io.twobrains.contract.view.ChatContextView;
import io.twobrains.service.problem.ApiProblem;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Whose key a model runs on ({@link Target}) and how it is opened ({@link Credentials}). */
class CredentialsTest {

    private static final String APP_KEY = "sk-app";
    private static final URI APP_URL = URI.create("https://openai.internal.example/v1");

    private final SecretSealer sealer = new SecretSealer(new SecretsProperties(
            Map.of("k1", Base64.getEncoder().encodeToString(new byte[32])), "k1"));
    private final ChatProperties properties = new ChatProperties(2, 30,
            Duration.ofSeconds(60), Duration.ofSeconds(60), Duration.ofMinutes(10), 200_000, Duration.ZERO, 10,
            Map.of("openai", new ChatProperties.ProviderEndpoint(APP_URL, APP_KEY)));
    private final Credentials credentials = new Credentials(properties, sealer);

    private static Model model(String id) {
        return ModelCatalog.builtIn().find(id).orElseThrow();
    }

    private ChatContextView context(Map<String, ChatContextView.Key> keys) {
        return new ChatContextView(1, null, "demo", ReasoningEffort.OFF, keys, List.of(), List.of(), List.of());
    }

    private ChatContextView.Key sealed(String userId, String provider, String key, String baseUrl) {
        return new ChatContextView.Key(sealer.seal(userId, SecretSealer.KEY_PURPOSE + ":" + provider,
                key.getBytes(StandardCharsets.UTF_8)), baseUrl);
    }

    @Test
    void aFreeModelRunsOnTheAppsKeyAtTheConfiguredEndpoint() {
        ChatContextView context = context(Map.of());
        Target target = Target.choose(model("gpt-4o-mini"), context, properties);

        assertThat(target.byok()).isFalse();
        assertThat(credentials.open("alice", target, context)).isEqualTo(new Endpoint(APP_URL.toString(), false, APP_KEY));
    }

    @Test
    void theUsersOwnKeyWinsAndOpensForThatUserOnly() {
        ChatContextView context = context(Map.of("openai", sealed("alice", "openai", "sk-alice", null)));
        Target target = Target.choose(model("gpt-4o-mini"), context, properties);

        assertThat(target.byok()).isTrue();
        assertThat(credentials.open("alice", target, context))
                .as("the user's key, sent where this deployment reaches the provider")
                .isEqualTo(new Endpoint(APP_URL.toString(), false, "sk-alice"));
        assertThatThrownBy(() -> credentials.open("mallory", target, context)).as("another user's key")
                .hasMessageContaining("does not open for this user").hasMessageNotContaining("sk-alice");
    }

    @Test
    void aUsersEndpointIsMarkedAsTheirs() {
        ChatContextView context = context(Map.of("openai-compatible",
                sealed("alice", "openai-compatible", "sk-compat", "https://203.0.113.9/v1")));
        Target target = Target.choose(model("openai-compatible/my-model"), context, properties);

        Endpoint endpoint = credentials.open("alice", target, context);
        assertThat(endpoint.baseUrl()).isEqualTo("https://203.0.113.9/v1");
        assertThat(endpoint.givenByUser()).isTrue();
        assertThat(endpoint.toString()).doesNotContain("sk-compat");
    }

    @Test
    void aModelThatNeedsTheUsersKeyOrAnUnconfiguredProviderIsABadRequest() {
        assertThatThrownBy(() -> Target.choose(model("gpt-4.1"), context(Map.of()), properties))
                .isInstanceOf(ApiProblem.class).hasMessageContaining("needs your own openai key");
        assertThatThrownBy(() -> Target.choose(model("gemini-2.5-flash-lite"), context(Map.of()), properties))
                .isInstanceOf(ApiProblem.class).hasMessageContaining("no google provider is configured");
    }
}
