package io.twobrains.contract.model;

import io.twobrains.contract.json.ChatJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

/** The models twobrains knows, defined once in {@code catalog/models.json}. */
public record ModelCatalog(String defaultModel, List<Model> models) {

    private static final ModelCatalog BUILT_IN = load();

    public ModelCatalog {
        models = List.copyOf(models);
    }

    public static ModelCatalog builtIn() {
        return BUILT_IN;
    }

    public Optional<Model> find(String id) {
        return models.stream().filter(m -> m.id().equals(id)).findFirst();
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
