package io.twobrains.command.chat;

import static org.assertj.core.api.Assertions.assertThat;

import io.twobrains.command.egress.PinnedHttp;
import io.twobrains.command.mcp.McpProperties;
import io.twobrains.command.mcp.McpUrlPolicy;
import io.twobrains.contract.model.Model;
import io.twobrains.contract.model.ModelCatalog;
import io.twobrains.contract.profile.ReasoningEffort;
import io.twobrains.testkit.FakeAnthropic;
import io.twobrains.testkit.FakeGemini;
import io.twobrains.testkit.FakeOllama;
import io.twobrains.testkit.FakeOpenAi;
import io.twobrains.testkit.KnownModels;
import io.twobrains.testkit.LoopbackProvider;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The catalog names models as their providers do: every id is one the provider documents (the list
 * kept with the provider fakes), and the fakes refuse any other model as the real APIs do, so a
 * made-up id fails every test that uses it.
 */
class CatalogIdsTest {

    @Test
    void everyModelOfTheCatalogIsOneItsProviderKnows() {
        for (Model model : ModelCatalog.builtIn().models()) {
            if (model.provider().equals("demo")) {
                continue;
            }
            assertThat(KnownModels.of(model.provider())).as(model.provider() + " model " + model.id())
                    .contains(ModelCatalog.providerModelName(model));
        }
    }

    @Test
    void anIdTheCatalogOnceMadeUpStillFindsItsModel() {
        assertThat(ModelCatalog.builtIn().find("claude-3-5-haiku")).map(Model::id).contains("claude-3-5-haiku-20241022");
    }

    @Test
    void eachFakeRefusesAModelItDoesNotKnowAsItsProviderDoes() {
        try (FakeOpenAi openAi = FakeOpenAi.start(0); FakeAnthropic anthropic = FakeAnthropic.start(0);
                FakeGemini gemini = FakeGemini.start(0); FakeOllama ollama = FakeOllama.start(0)) {
            assertRefused("openai", "gpt-4o-mini-but-invented", openAi.baseUrl(), openAi);
            assertRefused("anthropic", "claude-3-5-haiku", anthropic.baseUrl(), anthropic);
            assertRefused("google", "gemini-2.5-flash-invented", gemini.baseUrl(), gemini);
            assertRefused("ollama", "llama9", ollama.baseUrl(), ollama);
        }
    }

    /** The provider's SDK, through Spring AI, reads the fake's refusal as the provider's own 404. */
    private static void assertRefused(String provider, String modelId, URI baseUrl, LoopbackProvider fake) {
        ChatProperties properties = new ChatProperties(2, 30, Duration.ofSeconds(10),
                Duration.ofSeconds(10), Duration.ofMinutes(1), 200_000, Duration.ZERO, 10,
                Map.of(provider, new ChatProperties.ProviderEndpoint(baseUrl, "app-key")));
        GenerationThreads threads = new GenerationThreads(properties);
        PinnedHttp pinned = new PinnedHttp(new McpUrlPolicy(new McpProperties(List.of())));
        try {
            ModelGateway gateway = new ModelGateway(properties, null, WebClient.builder(), pinned, threads);
            Model model = new Model(modelId, modelId, provider, Model.Tier.FREE, List.of("text"), 8_192, 1_024,
                    new Model.Cost(0, 0));
            Throwable failure = gateway.stream("u", new Target(model, false, baseUrl.toString(), null),
                    List.of(new UserMessage("hello")), ReasoningEffort.OFF, null, List.of())
                    .then().materialize().block(Duration.ofSeconds(30)).getThrowable();

            assertThat(failure).as(provider).isNotNull();
            assertThat(ProviderErrors.status(failure)).as(provider + ": " + failure).isEqualTo(404);
            assertThat(fake.received()).as(provider + ": the request reached the fake").isNotEmpty();
        } finally {
            pinned.destroy();
            threads.destroy();
        }
    }
}
