package io.twobrains.contract.json;

import io.twobrains.contract.event.SchemaVersion;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Wire names and schema versions of the records under a sealed interface, found from its permitted subclasses. */
public final class PayloadTypes<T> {

    private final Map<String, Class<? extends T>> byName = new LinkedHashMap<>();

    @SuppressWarnings("unchecked")
    public PayloadTypes(Class<T> sealedInterface) {
        for (Class<?> type : sealedInterface.getPermittedSubclasses()) {
            byName.put(type.getSimpleName(), (Class<? extends T>) type);
        }
    }

    public Optional<Class<? extends T>> byName(String name) {
        return Optional.ofNullable(name).map(byName::get);
    }

    public Map<String, Class<? extends T>> all() {
        return Collections.unmodifiableMap(byName);
    }

    public static int currentVersion(Class<?> type) {
        SchemaVersion version = type.getAnnotation(SchemaVersion.class);
        return version == null ? 1 : version.value();
    }
}
