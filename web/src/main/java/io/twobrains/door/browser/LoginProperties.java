package io.twobrains.door.browser;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How browsers sign in at the door: the door is a confidential OpenID Connect client of the issuer
 * the APIs trust ({@code twobrains.security.issuer}).
 *
 * @param clientId           the door's client id at the provider
 * @param clientSecret       its secret (the dev provider's well-known one by default, see node.yml)
 * @param discoveryUri       where the door reads the provider's metadata, when not at the issuer
 *                           itself (in compose the issuer is the browser's address of Keycloak, and
 *                           the door reaches it by another name)
 * @param scopes             asked at sign-in
 * @param refreshBeforeExpiry a session's access token is renewed this long before it expires, so a
 *                           token relayed to another node is still valid when it arrives
 */
@Validated
@ConfigurationProperties("twobrains.login")
public record LoginProperties(
        @DefaultValue("twobrains-door") @NotBlank String clientId,
        @NotBlank String clientSecret,
        URI discoveryUri,
        @DefaultValue({"openid", "profile"}) @NotEmpty List<String> scopes,
        @DefaultValue("60s") Duration refreshBeforeExpiry) {

    public LoginProperties {
        scopes = List.copyOf(scopes);
    }

    URI discoveryUri(String issuer) {
        return discoveryUri != null ? discoveryUri : URI.create(issuer + "/.well-known/openid-configuration");
    }
}
