package io.twobrains.bench;

import io.twobrains.local.LocalStackSettings;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The loopback model ({@link PacedOpenAi}) in a JVM of its own, started before the stack so that the
 * stack's openai provider can point at it: apart from the system under test and from the generator,
 * so that thousands of streams cost neither of them the model's CPU.
 */
final class ModelProcess implements AutoCloseable {

    static final String NAME = "model JVM";

    private final JavaChild child;
    private final URI baseUrl;

    private ModelProcess(JavaChild child, URI baseUrl) {
        this.child = child;
        this.baseUrl = baseUrl;
    }

    static ModelProcess start(int tokens, int tokensPerSecond) {
        int port = LocalStackSettings.freePort();
        JavaChild child = JavaChild.start("model", PacedOpenAi.class.getName(), List.of(), Map.of(), Map.of(),
                List.of(Integer.toString(port), Integer.toString(tokens), Integer.toString(tokensPerSecond)),
                JavaChild.logFile("model"), PacedOpenAi.READY, Duration.ofMinutes(2));
        return new ModelProcess(child, URI.create("http://127.0.0.1:" + port + "/v1"));
    }

    URI baseUrl() {
        return baseUrl;
    }

    /** The stack's settings for its openai provider to be this model. */
    Map<String, Object> providerSettings() {
        return Map.of("twobrains.chat.providers.openai.base-url", baseUrl,
                "twobrains.chat.providers.openai.api-key", PacedOpenAi.KEY);
    }

    SystemMeter.Part part() {
        return new SystemMeter.Part(NAME, child.pid());
    }

    @Override
    public void close() {
        child.close();
    }
}
