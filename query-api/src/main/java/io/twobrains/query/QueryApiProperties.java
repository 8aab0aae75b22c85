package io.twobrains.query;

import jakarta.validation.constraints.NotNull;
import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the read side.
 *
 * @param processorUrl any instance of the per-user processor; it forwards to the instance that owns the user
 */
@Validated
@ConfigurationProperties("twobrains.query-api")
public record QueryApiProperties(@DefaultValue("http://localhost:8083") @NotNull URI processorUrl) {
}
