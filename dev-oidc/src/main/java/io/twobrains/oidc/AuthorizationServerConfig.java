package io.twobrains.oidc;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;

/**
 * Spring Authorization Server setup: three filter chains (the script endpoint {@code /dev/token}, the
 * protocol endpoints, and form login for everything else), the signing key, the door client and the demo
 * users. Defining the filter chains here makes Spring Boot's default ones back off.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DevOidcProperties.class)
class AuthorizationServerConfig {

    static final String DOOR_CLIENT_ID = "twobrains-door";

    /** Well-known on purpose: dev only. */
    static final String DOOR_CLIENT_SECRET = "dev-door-secret";

    private static final Duration DOOR_REFRESH_TOKEN_TTL = Duration.ofHours(12);

    /** {@code POST /dev/token} is for scripts: no session, no CSRF token, no login. */
    @Bean
    @Order(0)
    SecurityFilterChain devTokenSecurityFilterChain(HttpSecurity http) throws Exception {
        return http.securityMatcher(DevTokenController.PATH)
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .csrf(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .build();
    }

    /** The OAuth 2.1 / OpenID Connect endpoints; browsers that need to log in are sent to the login form. */
    @Bean
    @Order(1)
    SecurityFilterChain authorizationServerSecurityFilterChain(HttpSecurity http) throws Exception {
        return http
                .oauth2AuthorizationServer(server -> {
                    http.securityMatcher(server.getEndpointsMatcher());
                    server.oidc(Customizer.withDefaults());
                })
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                // Access tokens authenticate calls to the OIDC UserInfo endpoint.
                .oauth2ResourceServer(resourceServer -> resourceServer.jwt(Customizer.withDefaults()))
                .exceptionHandling(exceptions -> exceptions.defaultAuthenticationEntryPointFor(
                        new LoginUrlAuthenticationEntryPoint("/login"), new MediaTypeRequestMatcher(MediaType.TEXT_HTML)))
                .build();
    }

    /** Login form (and logout) for the demo users; the form lists them ({@link LoginPageController}). */
    @Bean
    @Order(2)
    SecurityFilterChain loginSecurityFilterChain(HttpSecurity http) throws Exception {
        return http
                .authorizeHttpRequests(requests -> requests.requestMatchers("/error").permitAll()
                        .anyRequest().authenticated())
                .formLogin(form -> form.loginPage(LoginPageController.PATH).permitAll())
                .build();
    }

    @Bean
    JWKSource<SecurityContext> jwkSource(DevOidcProperties properties) {
        RSAKey key = SigningKeyFile.loadOrCreate(properties.keyFile());
        return new ImmutableJWKSet<>(new JWKSet(key));
    }

    /** Signs both the authorization server's tokens and the dev tokens; sets the header's {@code kid}. */
    @Bean
    JwtEncoder jwtEncoder(JWKSource<SecurityContext> jwkSource) {
        return new NimbusJwtEncoder(jwkSource);
    }

    @Bean
    AuthorizationServerSettings authorizationServerSettings(DevOidcProperties properties) {
        return AuthorizationServerSettings.builder().issuer(properties.issuer()).build();
    }

    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> tokenCustomizer(DevOidcProperties properties) {
        return new TwobrainsTokenCustomizer(properties.audience(), properties.demoUsers().stream()
                .filter(user -> user.plan() != null)
                .collect(java.util.stream.Collectors.toMap(DevOidcProperties.DemoUser::username, DevOidcProperties.DemoUser::plan)));
    }

    /**
     * The web door (backend-for-frontend): authorization code with PKCE and refresh tokens, no consent
     * screen. It authenticates with the well-known secret {@value #DOOR_CLIENT_SECRET}.
     */
    @Bean
    RegisteredClientRepository registeredClientRepository(DevOidcProperties properties) {
        RegisteredClient door = RegisteredClient.withId(UUID.nameUUIDFromBytes(DOOR_CLIENT_ID.getBytes(StandardCharsets.UTF_8)).toString())
                .clientId(DOOR_CLIENT_ID)
                .clientSecret("{noop}" + DOOR_CLIENT_SECRET)
                .clientName("twobrains web door")
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
                .redirectUri(properties.doorRedirectUri())
                .postLogoutRedirectUri(originOf(properties.doorRedirectUri()) + "/")
                .scope(OidcScopes.OPENID)
                .scope(OidcScopes.PROFILE)
                .clientSettings(ClientSettings.builder()
                        .requireProofKey(true)
                        .requireAuthorizationConsent(false)
                        .build())
                .tokenSettings(TokenSettings.builder()
                        .accessTokenTimeToLive(properties.tokenTtl())
                        .refreshTokenTimeToLive(DOOR_REFRESH_TOKEN_TTL.compareTo(properties.tokenTtl()) > 0
                                ? DOOR_REFRESH_TOKEN_TTL : properties.tokenTtl())
                        .build())
                .build();
        return new InMemoryRegisteredClientRepository(door);
    }

    /** The demo users; their password is plain text ({@code {noop}}) because this is for local development only. */
    @Bean
    UserDetailsService userDetailsService(DevOidcProperties properties) {
        return new InMemoryUserDetailsManager(properties.demoUsers().stream()
                .map(user -> User.withUsername(user.username())
                        .password("{noop}" + user.password())
                        .roles(user.roles().toArray(String[]::new))
                        .build())
                .toArray(UserDetails[]::new));
    }

    private static String originOf(String url) {
        URI uri = URI.create(url);
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }
}
