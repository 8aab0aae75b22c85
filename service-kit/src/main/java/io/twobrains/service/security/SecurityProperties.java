package io.twobrains.service.security;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Which tokens a service accepts.
 *
 * @param issuer    the {@code iss} every token must carry
 * @param jwkSetUri where the issuer publishes its signing keys
 * @param audience  the {@code aud} every token must include
 * @param verifiedTokens how many verified tokens a node keeps, so each is verified once (until it expires)
 * @param jwksRefetchInterval how often at most a token naming an unknown key may make the node fetch the JWKS again
 */
@Validated
@ConfigurationProperties("twobrains.security")
public record SecurityProperties(@NotBlank String issuer, @NotBlank String jwkSetUri, String audience,
        @DefaultValue("100000") @Min(0) int verifiedTokens, @DefaultValue("1m") Duration jwksRefetchInterval) {

    public SecurityProperties {
        audience = audience == null || audience.isBlank() ? "twobrains" : audience;
        jwksRefetchInterval = jwksRefetchInterval == null ? Duration.ofMinutes(1) : jwksRefetchInterval;
    }
}
