package io.twobrains.command.chat.provider;

/**
 * Where a call goes and the key it carries. {@code baseUrl} is null for the provider's public
 * endpoint. {@code givenByUser} marks a URL a user typed in (an OpenAI-compatible endpoint): it is
 * reached only through connections pinned to checked addresses.
 */
public record Endpoint(String baseUrl, boolean givenByUser, String key) {

    @Override
    public String toString() {
        return "Endpoint[" + (baseUrl == null ? "default" : baseUrl) + (givenByUser ? ", the user's" : "") + "]";
    }
}
