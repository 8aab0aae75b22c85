package io.twobrains.crypto;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Users' data keys.
 *
 * @param purgeWindow how long after an erasure the destroyed keys may still sit in PostgreSQL's files
 *                    (dead rows, write-ahead log): the vault purges them within it
 * @param cacheFor    how long a node keeps a user's opened key in memory before reading it again
 * @param cachedKeys  how many users' keys a node keeps in memory at most
 */
@Validated
@ConfigurationProperties("twobrains.content-keys")
public record ContentKeyProperties(@NotNull @DefaultValue("5m") Duration purgeWindow,
        @NotNull @DefaultValue("5m") Duration cacheFor, @DefaultValue("10000") int cachedKeys) {
}
