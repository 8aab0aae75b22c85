package io.twobrains.door;

import jakarta.validation.constraints.NotNull;
import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the door sends requests.
 *
 * @param commandApiUrl writes and completions
 * @param queryApiUrl   reads
 */
@Validated
@ConfigurationProperties("twobrains.door")
public record DoorProperties(
        @DefaultValue("http://localhost:8081") @NotNull URI commandApiUrl,
        @DefaultValue("http://localhost:8082") @NotNull URI queryApiUrl) {
}
