package io.twobrains.bench.shared;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the shared-database service keeps its table.
 *
 * @param jdbcUrl  the {@value SharedTable#DATABASE} database
 * @param poolSize connections in each of its two pools, and threads that run the blocking JDBC calls
 */
@Validated
@ConfigurationProperties("bench.shared")
public record SharedDatabaseProperties(@NotBlank String jdbcUrl, @DefaultValue("postgres") String user,
        @DefaultValue("postgres") String password, @DefaultValue("16") @Positive int poolSize) {
}
