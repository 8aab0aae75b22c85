package io.twobrains.contract.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A model of the catalog.
 *
 * @param provider the provider id: openai, anthropic, google, ollama, openai-compatible, or demo
 * @param tier     free models run on the app's keys and count against the free quota; byok models need the
 *                 user's own key for their provider
 */
public record Model(String id, String name, String provider, Tier tier, List<String> capabilities,
        long contextWindow, long maxOutput, Cost costPerMillion) {

    public enum Tier {
        @JsonProperty("free") FREE,
        @JsonProperty("byok") BYOK
    }

    /** US dollars per million tokens. */
    public record Cost(double input, double output) {
    }

    public Model {
        capabilities = List.copyOf(capabilities);
    }
}
