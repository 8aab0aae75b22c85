package io.twobrains.contract.profile;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Arrays;
import java.util.Optional;

/** A model provider a user can bring a key for. */
public enum Provider {
    @JsonProperty("openai") OPENAI("openai"),
    @JsonProperty("anthropic") ANTHROPIC("anthropic"),
    @JsonProperty("google") GOOGLE("google"),
    /** Any endpoint that speaks the OpenAI chat-completions protocol; its key comes with a base URL. */
    @JsonProperty("openai-compatible") OPENAI_COMPATIBLE("openai-compatible");

    private final String id;

    Provider(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Optional<Provider> byId(String id) {
        return Arrays.stream(values()).filter(p -> p.id.equals(id)).findFirst();
    }
}
