package io.twobrains.door.browser;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * The door's one client registration, built from the provider's published metadata when a browser
 * first needs it rather than at start: a node serves bearer-token clients whether or not the
 * provider is up, and a failed look-up is tried again at the next sign-in. Authorization code with
 * PKCE; the ID token must come from the issuer the APIs trust.
 */
final class LoginProvider implements ReactiveClientRegistrationRepository {

    static final String REGISTRATION_ID = "twobrains";
    static final String SIGN_IN_PATH = "/oauth2/authorization/" + REGISTRATION_ID;

    private static final ParameterizedTypeReference<Map<String, Object>> METADATA = new ParameterizedTypeReference<>() {
    };

    private final Mono<ClientRegistration> registration;

    LoginProvider(WebClient.Builder http, LoginProperties properties, String issuer) {
        URI discovery = properties.discoveryUri(issuer);
        this.registration = http.build().get().uri(discovery).retrieve().bodyToMono(METADATA)
                .timeout(Duration.ofSeconds(10))
                .map(metadata -> registration(metadata, properties, issuer))
                .cache(found -> Duration.ofMillis(Long.MAX_VALUE), failed -> Duration.ZERO, () -> Duration.ZERO);
    }

    @Override
    public Mono<ClientRegistration> findByRegistrationId(String registrationId) {
        return REGISTRATION_ID.equals(registrationId) ? registration : Mono.empty();
    }

    /** Where a browser ends its session at the provider (OpenID Connect RP-initiated logout), if it offers that. */
    Mono<Optional<URI>> endSessionEndpoint() {
        return registration.map(found -> Optional.ofNullable(found.getProviderDetails().getConfigurationMetadata()
                .get("end_session_endpoint")).map(String::valueOf).map(URI::create));
    }

    private static ClientRegistration registration(Map<String, Object> metadata, LoginProperties properties, String issuer) {
        if (!issuer.equals(metadata.get("issuer"))) {
            throw new IllegalStateException("the provider's metadata names issuer " + metadata.get("issuer")
                    + ", but the APIs trust " + issuer);
        }
        return ClientRegistration.withRegistrationId(REGISTRATION_ID)
                .clientName("twobrains")
                .clientId(properties.clientId())
                .clientSecret(properties.clientSecret())
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
                .scope(properties.scopes())
                .authorizationUri(required(metadata, "authorization_endpoint"))
                .tokenUri(required(metadata, "token_endpoint"))
                .jwkSetUri(required(metadata, "jwks_uri"))
                .issuerUri(issuer)
                .userNameAttributeName("sub")
                .providerConfigurationMetadata(metadata)
                .clientSettings(ClientRegistration.ClientSettings.builder().requireProofKey(true).build())
                .build();
    }

    private static String required(Map<String, Object> metadata, String name) {
        Object value = metadata.get(name);
        if (value == null) {
            throw new IllegalStateException("the provider's metadata has no " + name);
        }
        return value.toString();
    }
}
