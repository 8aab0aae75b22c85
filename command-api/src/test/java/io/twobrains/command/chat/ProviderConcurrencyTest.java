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
import io.twobrains.testkit.LoopbackProvider;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Every free user of a model shares the deployment's key, so all their generations go through one SDK
 * client. Each SDK brings its own HTTP transport with its own limits (OkHttp runs 64 requests per
 * client, or 5 per host, and queues the rest). Here 80 generations start at once against a loopback
 * provider whose answers are slow: each of them must reach the provider while the others are still
 * streaming, for every provider with a model on the app's key, and Reactor's shared elastic pool must
 * stay free for the short blocking calls of everything else.
 */
class ProviderConcurrencyTest {

    static {
        // As the command API's main does, before Reactor is first used (each test class has its own JVM).
        SharedElasticPool.size();
    }

    private static final int STREAMS = 80;
    /** Each word takes this long: a generation of 15 words runs for 30 s, longer than the test waits for them all. */
    private static final long WORD_DELAY_MILLIS = 2_000;
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String PROMPT = "please tell me one two three four five six seven eight nine ten";

    @Test
    void openAi() {
        try (FakeOpenAi fake = FakeOpenAi.start(WORD_DELAY_MILLIS)) {
            assertAllArriveTogether("openai", "gpt-4o-mini", fake.baseUrl(), fake);
        }
    }

    @Test
    void google() {
        try (FakeGemini fake = FakeGemini.start(WORD_DELAY_MILLIS)) {
            assertAllArriveTogether("google", "gemini-2.5-flash-lite", fake.baseUrl(), fake);
        }
    }

    @Test
    void anthropic() {
        try (FakeAnthropic fake = FakeAnthropic.start(WORD_DELAY_MILLIS)) {
            assertAllArriveTogether("anthropic", "claude-3-5-haiku-20241022", fake.baseUrl(), fake);
        }
    }

    @Test
    void ollama() {
        try (FakeOllama fake = FakeOllama.start(WORD_DELAY_MILLIS)) {
            assertAllArriveTogether("ollama", "llama3.2", fake.baseUrl(), fake);
        }
    }

    private static void assertAllArriveTogether(String provider, String modelId, URI baseUrl, LoopbackProvider fake) {
        ChatProperties properties = new ChatProperties(2, 30, Duration.ofSeconds(60),
                Duration.ofSeconds(60), Duration.ofMinutes(10), 200_000, Duration.ZERO, 2_000,
                Map.of(provider, new ChatProperties.ProviderEndpoint(baseUrl, "app-key")));
        GenerationThreads generationThreads = new GenerationThreads(properties);
        PinnedHttp pinned = new PinnedHttp(new McpUrlPolicy(new McpProperties(List.of())));
        ModelGateway gateway = new ModelGateway(properties, null, WebClient.builder(), pinned, generationThreads);
        Model model = ModelCatalog.builtIn().find(modelId).orElseThrow();
        // The deployment's key, as for a free user (the tier does not matter to the transport).
        Target target = new Target(model, false, baseUrl.toString(), null);
        assertThat(Schedulers.DEFAULT_BOUNDED_ELASTIC_SIZE).as("the shared elastic pool's size")
                .isEqualTo(SharedElasticPool.THREADS);
        // One generation first, so the SDK's first-use costs (class loading, its mapper) are not in the wait.
        gateway.stream("warm-up", target, List.of(new UserMessage(PROMPT)), ReasoningEffort.OFF, null, List.of())
                .next().block(Duration.ofSeconds(60));
        int before = fake.received().size();
        List<Disposable> generations = new ArrayList<>();
        AtomicInteger started = new AtomicInteger();
        try {
            for (int i = 0; i < STREAMS; i++) {
                AtomicBoolean first = new AtomicBoolean();
                generations.add(gateway.stream("user-" + i, target, List.of(new UserMessage(PROMPT + " " + i)),
                        ReasoningEffort.OFF, null, List.of()).subscribe(output -> {
                            if (first.compareAndSet(false, true)) {
                                started.incrementAndGet();
                            }
                        }, error -> { }));
            }
            // A generation takes 30 s: every one must have begun before any ends.
            Supplier<Integer> arrived = () -> fake.received().size() - before;
            long deadline = System.nanoTime() + WAIT.toNanos();
            while ((arrived.get() < STREAMS || started.get() < STREAMS) && System.nanoTime() < deadline) {
                sleep(50);
            }
            assertThat(arrived.get()).as(provider + ": requests at the provider while every generation is still streaming")
                    .isEqualTo(STREAMS);
            assertThat(started.get()).as(provider + ": generations whose first output came while every generation is still streaming")
                    .isEqualTo(STREAMS);
            // Short blocking calls (a command's send) share Reactor's elastic pool: the generations must not hold it.
            assertThat(Mono.fromCallable(() -> Thread.currentThread().getName()).subscribeOn(Schedulers.boundedElastic())
                    .block(Duration.ofSeconds(5))).as(provider + ": the shared elastic pool still runs a task").isNotNull();
        } finally {
            generations.forEach(Disposable::dispose);
            generationThreads.destroy();
            pinned.destroy();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
