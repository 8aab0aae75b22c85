package io.twobrains.testkit;

import java.util.Map;
import java.util.Set;

/**
 * The model ids each provider's API knows, from the provider's own documentation (read on
 * 2026-12-02): OpenAI's models and deprecations pages (developers.openai.com/api/docs), Anthropic's
 * models overview, model pages and migration guides (platform.claude.com/docs), Google's Gemini
 * models and deprecations pages (ai.google.dev/gemini-api/docs), and the Ollama library
 * (ollama.com/library). Aliases and their dated snapshots are both listed. The provider fakes answer
 * any other model as the real API does (404, in its own error shape), and the catalog is held to
 * this list by a test.
 *
 * <p>A listed id is one the provider documents; whether it is still served is another matter: by
 * the same pages, {@code claude-3-5-haiku-20241022} was retired on 2026-02-19, {@code o4-mini} shut
 * down on 2026-10-23, {@code claude-sonnet-4-5} retired on 2026-11-30, the Gemini 2.5 models are past
 * or near their shutdown, and {@code gpt-4o-mini}, {@code gpt-4.1} and {@code gpt-4.1-mini} shut down
 * on 2027-01-14. The fakes do not model retirement.
 */
public final class KnownModels {

    public static final Set<String> OPENAI = Set.of(
            "gpt-4o-mini", "gpt-4o-mini-2024-07-18",
            "gpt-4.1", "gpt-4.1-2025-04-14",
            "gpt-4.1-mini", "gpt-4.1-mini-2025-04-14",
            "o4-mini", "o4-mini-2025-04-16");

    public static final Set<String> ANTHROPIC = Set.of(
            "claude-sonnet-4-5", "claude-sonnet-4-5-20250929",
            "claude-3-5-haiku-latest", "claude-3-5-haiku-20241022",
            "claude-haiku-4-5", "claude-haiku-4-5-20251001");

    public static final Set<String> GOOGLE = Set.of(
            "gemini-2.5-flash-lite", "gemini-2.5-flash", "gemini-2.5-pro");

    public static final Set<String> OLLAMA = Set.of(
            "llama3.2", "llama3.2:latest", "llama3.2:1b", "llama3.2:3b");

    private static final Map<String, Set<String>> BY_PROVIDER = Map.of(
            "openai", OPENAI, "anthropic", ANTHROPIC, "google", GOOGLE, "ollama", OLLAMA);

    private KnownModels() {
    }

    /** The known ids of a provider of the catalog; empty for one no fake speaks for (demo, openai-compatible). */
    public static Set<String> of(String provider) {
        return BY_PROVIDER.getOrDefault(provider, Set.of());
    }
}
