package io.twobrains.command.chat;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of completions.
 *
 * @param maxConcurrentPerUser  generations one user may have running at once
 * @param requestsPerMinute     chat requests one user may make per minute
 * @param firstTokenTimeout     how long a provider may take to send anything
 * @param idleTimeout           how long a provider may go quiet mid-generation
 * @param maxDuration           the longest a generation may run
 * @param historyChars          how much history (characters) a prompt carries at most, besides the model's window
 * @param demoTokenDelay        the pause between the demo model's words
 * @param generationThreads     threads for work that blocks for a whole generation (streams of an SDK that
 *                              blocks, followers of a generation running elsewhere); one beyond them waits
 * @param providers             app keys and endpoints per provider id (openai, anthropic, google, ollama); the free
 *                              models of a provider listed here are available to everyone
 */
@Validated
@ConfigurationProperties("twobrains.chat")
public record ChatProperties(
        @DefaultValue("2") @Min(1) int maxConcurrentPerUser,
        @DefaultValue("30") @Min(1) int requestsPerMinute,
        @DefaultValue("60s") @NotNull Duration firstTokenTimeout,
        @DefaultValue("60s") @NotNull Duration idleTimeout,
        @DefaultValue("10m") @NotNull Duration maxDuration,
        @DefaultValue("200000") @Min(1000) int historyChars,
        @DefaultValue("25ms") @NotNull Duration demoTokenDelay,
        @DefaultValue("2000") @Min(1) int generationThreads,
        Map<String, ProviderEndpoint> providers) {

    public ChatProperties {
        providers = providers == null ? Map.of() : Map.copyOf(providers);
    }

    /** Where a provider is, and the app's own key for it (none for a local Ollama). */
    public record ProviderEndpoint(URI baseUrl, String apiKey) {

        @Override
        public String toString() {
            return "ProviderEndpoint[baseUrl=" + baseUrl + ", apiKey=" + (apiKey == null ? "none" : "***") + "]";
        }
    }
}
