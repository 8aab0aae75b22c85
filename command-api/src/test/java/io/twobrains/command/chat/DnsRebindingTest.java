package io.twobrains.command.chat;

import static org.assertj.core.api.Assertions.assertThat;

import io.twobrains.crypto.SecretSealer;
import io.twobrains.crypto.SecretsProperties;
import io.twobrains.command.egress.PinnedHttp;
import io.twobrains.command.mcp.McpProperties;
import io.twobrains.command.mcp.McpUrlPolicy;
import io.twobrains.contract.model.Model;
import io.twobrains.contract.model.ModelCatalog;
import io.twobrains.contract.profile.McpTransport;
import io.twobrains.contract.profile.ReasoningEffort;
import io.twobrains.contract.view.ChatContextView;
import io.twobrains.testkit.FakeOpenAi;
import io.twobrains.testkit.ScriptedResolver;
import io.twobrains.testkit.TestMcpServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;

/**
 * DNS rebinding: a name that answers with a public address when the URL is checked, and with
 * 127.0.0.1 when it is asked again a moment later. The service checks a user's URL when it is
 * stored, then connects to it when a generation runs; the connection must go only where an answer
 * that was checked points, so the loopback servers behind the name never see a request. The name
 * is {@code localhost}, which the machine's own resolver answers with 127.0.0.1: a client that
 * looked the name up again by itself, after the check, would reach them. The same servers behind
 * an allow-listed name only the scripted resolver knows are reached, which shows the connections
 * do resolve through the checked lookup, and that the requests could have arrived.
 */
class DnsRebindingTest {

    private static final String NAME = "localhost";
    private static final String ALLOWED = "internal.test";
    /** Public as far as the policy goes (TEST-NET-3); nothing answers there. */
    private static final String PUBLIC = "203.0.113.7";
    private static final String USER = "alice";

    private final ScriptedResolver dns = new ScriptedResolver()
            .answer(NAME, PUBLIC, "127.0.0.1")
            .answer(ALLOWED, "127.0.0.1");
    private final McpUrlPolicy policy = new McpUrlPolicy(new McpProperties(List.of(ALLOWED)), dns::resolve);
    private final PinnedHttp pinned = new PinnedHttp(policy);
    private final SecretSealer sealer = new SecretSealer(new SecretsProperties(
            Map.of("k1", Base64.getEncoder().encodeToString(new byte[32])), "k1"));
    private final ChatProperties properties = new ChatProperties(2, 30,
            Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofMinutes(1), 200_000, Duration.ZERO, 10, Map.of());
    private final GenerationThreads threads = new GenerationThreads(properties);

    @AfterEach
    void close() {
        pinned.destroy();
        threads.destroy();
    }

    @Test
    void anMcpServerWhoseNameTurnsToLoopbackAfterItsCheckIsNeverReached() {
        for (TestMcpServer.Transport transport : TestMcpServer.Transport.values()) {
            try (TestMcpServer loopback = TestMcpServer.start(transport)) {
                String url = loopback.url();
                assertThat(policy.check(url)).as("stored: the name answers " + PUBLIC).isEmpty();

                McpTools.Toolbox box = new McpTools(sealer, pinned).open(USER, List.of(server("rebound", url, transport)))
                        .block(Duration.ofSeconds(20));

                assertThat(box.unreachable()).as(transport + ": the server is not reachable").containsExactly("rebound");
                assertThat(loopback.requests()).as(transport + ": requests that reached the loopback server").isZero();
                dns.answer(NAME, PUBLIC, "127.0.0.1");
            }
        }
    }

    @Test
    void anOpenAiCompatibleEndpointWhoseNameTurnsToLoopbackAfterItsCheckIsNeverReached() {
        try (FakeOpenAi loopback = FakeOpenAi.start(0)) {
            loopback.serving("my-model");
            String baseUrl = loopback.baseUrl().toString().replace("127.0.0.1", NAME);
            assertThat(baseUrl).contains("//localhost:");
            assertThat(policy.check(baseUrl)).as("stored: the name answers " + PUBLIC).isEmpty();

            Throwable failure = generate(baseUrl).then().materialize().block(Duration.ofSeconds(20)).getThrowable();

            assertThat(failure).as("the generation fails").isNotNull();
            assertThat(ProviderErrors.describe(failure, "openai-compatible"))
                    .isEqualTo("the openai-compatible endpoint is refused: it resolves to a loopback address");
            assertThat(loopback.received()).as("requests that reached the loopback model").isEmpty();
        }
    }

    @Test
    void theSameServersBehindAnAllowListedNameAreReached() {
        try (TestMcpServer mcp = TestMcpServer.start(TestMcpServer.Transport.STREAMABLE_HTTP);
                FakeOpenAi model = FakeOpenAi.start(0)) {
            McpTools.Toolbox box = new McpTools(sealer, pinned, java.time.Duration.ofSeconds(15)).open(USER, List.of(server("allowed",
                    mcp.url().replace("localhost", ALLOWED), TestMcpServer.Transport.STREAMABLE_HTTP)))
                    .block(Duration.ofSeconds(20));
            assertThat(box.unreachable()).isEmpty();
            assertThat(box.definitions()).isNotEmpty();
            assertThat(mcp.requests()).isPositive();
            box.close();
            model.serving("my-model");

            String text = generate(model.baseUrl().toString().replace("127.0.0.1", ALLOWED))
                    .ofType(ModelOutput.Text.class).map(ModelOutput.Text::delta)
                    .collectList().map(deltas -> String.join("", deltas)).block(Duration.ofSeconds(20));
            assertThat(text).isEqualTo(FakeOpenAi.answerTo("hello"));
            assertThat(model.received()).singleElement().satisfies(request ->
                    assertThat(request.authorization()).isEqualTo("Bearer sk-users-own"));
        }
    }

    /** A generation on the user's own OpenAI-compatible endpoint. */
    private Flux<ModelOutput> generate(String baseUrl) {
        ChatContextView context = new ChatContextView(1, null, "demo", ReasoningEffort.OFF, Map.of("openai-compatible",
                new ChatContextView.Key(sealer.seal(USER, SecretSealer.KEY_PURPOSE + ":openai-compatible",
                        "sk-users-own".getBytes(StandardCharsets.UTF_8)), baseUrl)), List.of(), List.of(), List.of());
        ModelGateway gateway = new ModelGateway(properties, sealer, WebClient.builder(), pinned, threads);
        Model model = ModelCatalog.builtIn().find(ModelCatalog.COMPATIBLE_PREFIX + "my-model").orElseThrow();
        return gateway.stream(USER, gateway.target(model, context), List.of(new UserMessage("hello")),
                ReasoningEffort.OFF, context, List.of());
    }

    private static ChatContextView.McpServer server(String name, String url, TestMcpServer.Transport transport) {
        return new ChatContextView.McpServer(name, name, url,
                transport == TestMcpServer.Transport.SSE ? McpTransport.SSE : McpTransport.HTTP, null);
    }
}
