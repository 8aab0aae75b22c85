package io.twobrains.service.security;

import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.csrf.ServerCsrfTokenRequestAttributeHandler;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * The one JWT set-up of every twobrains API: stateless bearer tokens checked against the issuer's
 * JWKS (signature, issuer, audience, expiry); {@code roles} become {@code ROLE_*} authorities.
 * Health, metrics (on the management port) and the OpenAPI documents are open; everything else needs a
 * token. Where a {@link BrowserSessions} bean exists (the node), a request without a bearer token may
 * be a signed-in browser session's instead, and such a request needs a CSRF token to change anything.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnProperty(prefix = "twobrains.security", name = "issuer")
@EnableConfigurationProperties(SecurityProperties.class)
@EnableWebFluxSecurity
public class ResourceServerConfiguration {

    /**
     * Signature (RS256, the issuer's JWKS), issuer, audience, expiry and subject: once per token per node.
     * The keys are fetched again for an unknown key at most once per {@code jwks-refetch-interval}.
     */
    @Bean
    ReactiveJwtDecoder jwtDecoder(SecurityProperties properties, Clock clock) {
        IssuerKeys keys = new IssuerKeys(WebClient.create(), properties.jwkSetUri(), properties.jwksRefetchInterval(),
                clock);
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withJwkSource(keys)
                .jwsAlgorithm(SignatureAlgorithm.RS256)
                .build();
        decoder.setJwtValidator(TokenValidators.forProperties(properties, clock));
        return new VerifiedTokens(decoder, properties.verifiedTokens(), clock);
    }

    @Bean
    SecurityWebFilterChain apiSecurity(ServerHttpSecurity http, ObjectProvider<BrowserSessions> browserSessions) {
        ProblemAuthenticationHandlers problems = new ProblemAuthenticationHandlers();
        BrowserSessions sessions = browserSessions.getIfAvailable();
        if (sessions == null) {
            http.csrf(ServerHttpSecurity.CsrfSpec::disable)
                    .securityContextRepository(NoOpServerSecurityContextRepository.getInstance());
        } else {
            // The app sends the cookie's value back in a header, unmasked: the plain handler reads it.
            http.csrf(csrf -> csrf.requireCsrfProtectionMatcher(sessions.needsCsrfToken())
                            .csrfTokenRepository(sessions.csrfTokens())
                            .csrfTokenRequestHandler(new ServerCsrfTokenRequestAttributeHandler())
                            .accessDeniedHandler(problems::csrfRefused))
                    .securityContextRepository(sessions.callers());
        }
        return http
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .authorizeExchange(exchanges -> exchanges
                        // The actuator serves only health, info and metrics, on the management port; on the
                        // public port nothing answers there (404), token or not.
                        .pathMatchers("/actuator/**", "/actuator", "/v3/api-docs/**", "/v3/api-docs", "/swagger-ui.html",
                                "/swagger-ui/**", "/webjars/**").permitAll()
                        .pathMatchers("/api/admin/**").hasRole("admin")
                        .anyExchange().authenticated())
                .oauth2ResourceServer(oauth -> oauth
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(token -> Mono.just(JwtAuthentication.of(token))))
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .exceptionHandling(handling -> handling.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .build();
    }
}
