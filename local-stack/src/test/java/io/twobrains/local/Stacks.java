package io.twobrains.local;

import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryOptions;
import io.twobrains.contract.content.ContentCipher;
import io.twobrains.contract.event.EventEnvelope;
import io.twobrains.crypto.ContentKeyProperties;
import io.twobrains.crypto.ContentKeys;
import io.twobrains.crypto.SecretSealer;
import io.twobrains.testkit.ApiClient;
import io.twobrains.testkit.EventsTopic;
import io.twobrains.testkit.FakeAnthropic;
import io.twobrains.testkit.FakeGemini;
import io.twobrains.testkit.FakeOllama;
import io.twobrains.testkit.FakeOpenAi;
import io.twobrains.testkit.TokenMint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * Running local stacks for the full-stack tests: one shared by every test class of the run, and
 * private ones for tests that restart or wipe. Tokens come from the dev provider's own key.
 */
final class Stacks {

    /** A quota plan of the shared stack with a small daily limit, for quota tests. */
    static final String TINY_PLAN = "tiny";
    static final int TINY_DAILY = 10;

    /** The app's key for the fake OpenAI of the shared stack. */
    static final String APP_OPENAI_KEY = "sk-app-key-of-the-tests";
    /** Chat requests a user may make per minute on the shared stack. */
    static final int REQUESTS_PER_MINUTE = 40;

    /** The app's key for the fake Gemini of the shared stack (its free model runs on it). */
    static final String APP_GOOGLE_KEY = "goog-app-key-of-the-tests";

    /**
     * The dev provider's demo users on the shared stack: the default three, and one for each browser
     * test, so that tests running in one stack never see each other's conversations. The quota user
     * has the tiny plan.
     */
    static final List<String> DEMO_USERS = List.of("alice", "bob", "admin", "ui-login", "ui-chat", "ui-stop",
            "ui-resume", "ui-tabs", "ui-tabs-settings", "ui-tabs-models", "ui-keys", "ui-keyboard", "ui-quota", "ui-security", "ui-pages");
    static final String DEMO_PASSWORD = "password";

    /** How long the shared stack waits for a provider's first token. */
    static final Duration FIRST_TOKEN_TIMEOUT = Duration.ofSeconds(10);

    private static LocalStack shared;
    private static FakeOpenAi openAi;
    private static FakeAnthropic anthropic;
    private static FakeGemini gemini;
    private static FakeOllama ollama;

    private Stacks() {
    }

    /** The stack every read/write test uses; started once per test JVM. */
    static synchronized LocalStack shared() {
        if (shared == null) {
            openAi = FakeOpenAi.start(5);
            anthropic = FakeAnthropic.start(5);
            gemini = FakeGemini.start(5);
            ollama = FakeOllama.start(5);
            Map<String, Object> providers = Map.of(
                    "twobrains.chat.providers.anthropic.base-url", anthropic.baseUrl(),
                    "twobrains.chat.providers.google.base-url", gemini.baseUrl(),
                    "twobrains.chat.providers.google.api-key", APP_GOOGLE_KEY,
                    "twobrains.chat.providers.ollama.base-url", ollama.baseUrl(),
                    "twobrains.chat.first-token-timeout", FIRST_TOKEN_TIMEOUT.toSeconds() + "s");
            Map<String, Object> overrides = new java.util.HashMap<>(providers);
            overrides.putAll(Map.of(
                    "twobrains.quota.plans." + TINY_PLAN + ".daily", TINY_DAILY,
                    "twobrains.quota.plans." + TINY_PLAN + ".monthly", 1000,
                    // localhost: the loopback MCP servers of ChatIT (127.0.0.1 stays refused, as tests check).
                    "twobrains.mcp.allowed-private-hosts", "mcp.internal.test,localhost",
                    "twobrains.chat.providers.openai.base-url", openAi.baseUrl(),
                    "twobrains.chat.providers.openai.api-key", APP_OPENAI_KEY,
                    "twobrains.chat.demo-token-delay", "30ms",
                    "twobrains.chat.max-concurrent-per-user", 50,
                    "twobrains.chat.requests-per-minute", REQUESTS_PER_MINUTE,
                    // The free models of the providers the stack has app keys for are offered to everyone.
                    "twobrains.query-api.app-providers", "demo,openai,google"));
            overrides.putAll(demoUsers());
            shared = LocalStack.start(LocalStackSettings.freePorts(tempDir("twobrains-it")).with(overrides), false);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                shared.close();
                openAi.close();
                anthropic.close();
                gemini.close();
                ollama.close();
            }));
        }
        return shared;
    }

    private static Map<String, Object> demoUsers() {
        Map<String, Object> users = new java.util.HashMap<>();
        for (int i = 0; i < DEMO_USERS.size(); i++) {
            String name = DEMO_USERS.get(i);
            users.put("twobrains.oidc.demo-users[" + i + "].username", name);
            users.put("twobrains.oidc.demo-users[" + i + "].password", DEMO_PASSWORD);
            if (name.equals("admin")) {
                users.put("twobrains.oidc.demo-users[" + i + "].roles", "admin");
            }
            if (name.equals("ui-quota")) {
                users.put("twobrains.oidc.demo-users[" + i + "].plan", TINY_PLAN);
            }
        }
        return users;
    }

    static synchronized FakeAnthropic anthropic() {
        shared();
        return anthropic;
    }

    static synchronized FakeGemini gemini() {
        shared();
        return gemini;
    }

    static synchronized FakeOllama ollama() {
        shared();
        return ollama;
    }

    /** The fake OpenAI the shared stack's openai provider points at. */
    static synchronized FakeOpenAi openAi() {
        shared();
        return openAi;
    }

    static Path tempDir(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static TokenMint mint(LocalStack stack) {
        return TokenMint.fromKeyFile(stack.settings().oidcKeyFile(), stack.settings().issuer());
    }

    /** A token as a script would get one: from the dev provider's {@code POST /dev/token}. */
    static String devToken(LocalStack stack, String subject) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(stack.oidcUrl() + "/dev/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("sub=" + subject)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return io.twobrains.contract.json.ChatJson.MAPPER.readTree(response.body()).get("access_token").asString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static ApiClient client(LocalStack stack, String subject) {
        return new ApiClient(stack.doorUrl(), devToken(stack, subject));
    }

    /** Every committed event of one user in {@code chat.events}, in seq order. */
    static List<EventEnvelope> events(LocalStack stack, String userId) {
        return EventsTopic.readUser(stack.kafkaBootstrapServers(), userId);
    }

    /**
     * The user's data key, as a node opens it: from the stack's vault, by the production {@link ContentKeys}
     * with the stack's master key. For tests that read content from the log, where it is sealed. A user
     * without a key (never written, or erased) gets one of no use.
     */
    static ContentCipher contentKey(LocalStack stack, String userId) {
        ConnectionFactory postgres = ConnectionFactories.get(ConnectionFactoryOptions.parse(stack.postgresR2dbcUrl()).mutate()
                .option(ConnectionFactoryOptions.USER, "postgres").option(ConnectionFactoryOptions.PASSWORD, "postgres").build());
        ContentKeys vault = new ContentKeys(DatabaseClient.create(postgres),
                new SecretSealer(LocalSecrets.properties(stack.settings().dataDir())),
                new ContentKeyProperties(Duration.ZERO, Duration.ZERO, 1), Clock.systemUTC());
        return vault.forReading(userId).block(Duration.ofSeconds(30));
    }
}
