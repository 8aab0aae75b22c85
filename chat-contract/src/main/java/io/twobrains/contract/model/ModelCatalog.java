package io.twobrains.contract.model;

import io.twobrains.contract.json.ChatJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The models twobrains knows, defined once in {@code catalog/models.json}. */
public record ModelCatalog(String defaultModel, List<Model> models) {

    public static final String COMPATIBLE_PREFIX = "openai-compatible/";
    private static final java.util.regex.Pattern COMPATIBLE_NAME = java.util.regex.Pattern.compile("[A-Za-z0-9._:/-]{1,100}");
    /** Ids the catalog once had that were not the provider's; a setting or command naming one still finds the model. */
    private static final Map<String, String> RENAMED = Map.of("claude-3-5-haiku", "claude-3-5-haiku-20241022");
    private static final ModelCatalog BUILT_IN = load();

    public ModelCatalog {
        models = List.copyOf(models);
    }

    public static ModelCatalog builtIn() {
        return BUILT_IN;
    }

    /**
     * A model of the catalog, or {@code openai-compatible/<model>}: any model of the endpoint a user
     * stored an {@code openai-compatible} key for (their own key, so it is never free).
     */
    public Optional<Model> find(String id) {
        if (id != null && id.startsWith(COMPATIBLE_PREFIX)) {
            String name = id.substring(COMPATIBLE_PREFIX.length());
            return COMPATIBLE_NAME.matcher(name).matches()
                    ? Optional.of(new Model(id, name + " (your OpenAI-compatible endpoint)", "openai-compatible",
                            Model.Tier.BYOK, List.of("text", "tools"), 128_000, 8_192, new Model.Cost(0, 0)))
                    : Optional.empty();
        }
        String current = RENAMED.getOrDefault(id, id);
        return models.stream().filter(m -> m.id().equals(current)).findFirst();
    }

    /** The model's name as its provider knows it. */
    public static String providerModelName(Model model) {
        return model.id().startsWith(COMPATIBLE_PREFIX) ? model.id().substring(COMPATIBLE_PREFIX.length()) : model.id();
    }

    private static ModelCatalog load() {
        try (InputStream in = ModelCatalog.class.getResourceAsStream("/catalog/models.json")) {
            if (in == null) {
                throw new IllegalStateException("catalog/models.json is missing");
            }
            return ChatJson.MAPPER.readValue(in, ModelCatalog.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
