package io.twobrains.service.security;

import io.twobrains.contract.Limits;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import java.time.Clock;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;

/**
 * Issuer, expiry (which must be there: a token without one would never expire), audience, and a
 * subject that can serve as a user id.
 */
final class TokenValidators {

    private TokenValidators() {
    }

    static OAuth2TokenValidator<Jwt> forProperties(SecurityProperties properties, Clock clock) {
        JwtTimestampValidator expiry = new JwtTimestampValidator();
        expiry.setClock(clock);
        return new DelegatingOAuth2TokenValidator<>(
                // Spring's defaults (type, certificate thumbprint), with the expiry check on the node's clock.
                JwtValidators.createDefaultWithValidators(new JwtIssuerValidator(properties.issuer()), expiry),
                // The default checks exp only when present.
                jwt -> jwt.getExpiresAt() != null
                        ? OAuth2TokenValidatorResult.success()
                        : failure("the token has no expiry"),
                jwt -> jwt.getAudience() != null && jwt.getAudience().contains(properties.audience())
                        ? OAuth2TokenValidatorResult.success()
                        : failure("the token is not meant for " + properties.audience()),
                jwt -> Limits.isValidUserId(jwt.getSubject())
                        ? OAuth2TokenValidatorResult.success()
                        : failure("the token has no usable subject"));
    }

    private static OAuth2TokenValidatorResult failure(String description) {
        return OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", description, null));
    }
}
