package io.twobrains.command.chat.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twobrains.command.egress.PinnedHttp;
import io.twobrains.command.mcp.McpProperties;
import io.twobrains.command.mcp.McpUrlPolicy;
import io.twobrains.contract.model.Model;
import io.twobrains.contract.model.ModelCatalog;
import io.twobrains.contract.profile.Provider;
import io.twobrains.contract.profile.ReasoningEffort;
import io.twobrains.service.problem.ApiProblem;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.web.reactive.function.client.WebClient;

/** Every provider a user can bring a key for, and every provider of the catalog, has exactly one adapter. */
class ChatProvidersTest {

    private final ChatProviders providers = new ChatProviders(Duration.ofSeconds(5), Duration.ZERO, WebClient.builder(),
            new PinnedHttp(new McpUrlPolicy(new McpProperties(List.of()))));

    @Test
    void everyProviderOfTheContractHasAnAdapter() {
        for (Provider provider : Provider.values()) {
            assertThat(providers.find(provider.id())).as(provider.id()).isPresent();
        }
    }

    @Test
    void everyModelOfTheCatalogHasAnAdapterThatNamesItInEachCall() {
        Model compatible = ModelCatalog.builtIn().find(ModelCatalog.COMPATIBLE_PREFIX + "my-model").orElseThrow();
        for (Model model : Stream.concat(ModelCatalog.builtIn().models().stream(), Stream.of(compatible)).toList()) {
            ChatProvider adapter = providers.find(model.provider()).orElseThrow(
                    () -> new AssertionError("no adapter for " + model.provider() + " (" + model.id() + ")"));
            assertThat(adapter.options(model, ReasoningEffort.HIGH, List.of()).getModel()).as(model.id())
                    .isEqualTo(ModelCatalog.providerModelName(model));
        }
    }

    @Test
    void everyAdapterOfThePortIsRegistered() {
        List<Class<?>> registered = Arrays.stream(ChatProvider.class.getPermittedSubclasses())
                .filter(adapter -> Stream.of("openai", "anthropic", "google", "ollama", "demo")
                        .anyMatch(id -> providers.find(id).filter(adapter::isInstance).isPresent()))
                .toList();
        assertThat(registered).containsExactlyInAnyOrder(ChatProvider.class.getPermittedSubclasses());
    }

    @Test
    void aProviderWithoutAnAdapterIsABadRequest() {
        assertThatThrownBy(() -> providers.of("acme")).isInstanceOf(ApiProblem.class)
                .satisfies(problem -> assertThat(((ApiProblem) problem).getStatusCode().value()).isEqualTo(400));
    }

    @Test
    void twoAdaptersForOneProviderAreRefused() {
        assertThatThrownBy(() -> new ChatProviders(List.of(new AnthropicProvider(Duration.ofSeconds(1)),
                new AnthropicProvider(Duration.ofSeconds(2))))).hasMessageContaining("anthropic");
    }
}
