package io.twobrains.service.security;

import java.time.Clock;
import java.util.Collection;
import java.util.stream.Collectors;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The one JWT set-up of every twobrains API: stateless bearer tokens checked against the issuer's
 * JWKS (signature, issuer, audience, expiry); {@code roles} become {@code ROLE_*} authorities.
 * Health, metrics (on the management port) and the OpenAPI documents are open; everything else needs a token.
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
    SecurityWebFilterChain apiSecurity(ServerHttpSecurity http) {
        ProblemAuthenticationHandlers problems = new ProblemAuthenticationHandlers();
        JwtAuthenticationConverter authentication = new JwtAuthenticationConverter();
        authentication.setJwtGrantedAuthoritiesConverter(jwt -> roleAuthorities(ChatUserArgumentResolver.roles(jwt)));
        return http
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .authorizeExchange(exchanges -> exchanges
                        // The actuator serves only health, info and metrics, on the management port; on the
                        // public port nothing answers there (404), token or not.
                        .pathMatchers("/actuator/**", "/actuator", "/v3/api-docs/**", "/v3/api-docs", "/swagger-ui.html",
                                "/swagger-ui/**", "/webjars/**").permitAll()
                        .pathMatchers("/api/admin/**").hasRole("admin")
                        .anyExchange().authenticated())
                .oauth2ResourceServer(oauth -> oauth
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(
                                new ReactiveJwtAuthenticationConverterAdapter(authentication)))
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .exceptionHandling(handling -> handling.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .build();
    }

    private static Collection<GrantedAuthority> roleAuthorities(Collection<String> roles) {
        return roles.stream().map(role -> (GrantedAuthority) new SimpleGrantedAuthority("ROLE_" + role))
                .collect(Collectors.toList());
    }
}
