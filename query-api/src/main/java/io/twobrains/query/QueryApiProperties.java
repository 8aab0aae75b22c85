package io.twobrains.query;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the read side.
 *
 * @param readWait     how long a read of Postgres waits for {@code X-Chat-Min-Seq} before answering 503
 * @param appProviders providers the service holds its own keys for: their free models are available to all
 */
@Validated
@ConfigurationProperties("twobrains.query-api")
public record QueryApiProperties(@DefaultValue("5s") @NotNull Duration readWait, @DefaultValue("demo") List<String> appProviders) {

    public QueryApiProperties {
        appProviders = List.copyOf(appProviders);
    }
}
