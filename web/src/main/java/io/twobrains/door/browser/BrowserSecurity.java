package io.twobrains.door.browser;

import io.twobrains.service.security.BrowserSessions;
import io.twobrains.service.security.SecurityProperties;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.web.DefaultReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.server.ServerOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.server.WebSessionServerOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authentication.logout.DelegatingServerLogoutHandler;
import org.springframework.security.web.server.authentication.logout.SecurityContextServerLogoutHandler;
import org.springframework.security.web.server.authentication.logout.WebSessionServerLogoutHandler;
import org.springframework.security.web.server.context.ServerSecurityContextRepository;
import org.springframework.security.web.server.context.WebSessionServerSecurityContextRepository;
import org.springframework.security.web.server.csrf.CookieServerCsrfTokenRepository;
import org.springframework.security.web.server.csrf.ServerCsrfTokenRepository;
import org.springframework.security.web.server.csrf.ServerCsrfTokenRequestAttributeHandler;
import org.springframework.security.web.server.header.CrossOriginOpenerPolicyServerHttpHeadersWriter.CrossOriginOpenerPolicy;
import org.springframework.security.web.server.header.CrossOriginResourcePolicyServerHttpHeadersWriter.CrossOriginResourcePolicy;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The door as a backend-for-frontend. Browsers sign in with the authorization code flow and PKCE at
 * the provider the APIs trust; the tokens stay in the door's session, and the browser holds only an
 * HttpOnly, SameSite=Lax session cookie (Secure over TLS) and a CSRF token. Two filter chains:
 * this one for the app's pages, sign-in and sign-out; the API's own ({@code ResourceServerConfiguration}
 * in service-kit), which takes either a bearer token or, through {@link BrowserSessions}, the
 * session's access token, renewed when due, and then needs the CSRF token on every unsafe method.
 */
@Configuration(proxyBeanMethods = false)
class BrowserSecurity {

    /** The app's pages (one HTML page; the app shows the part the path names). */
    static final String[] PAGES = {"/", "/c/*", "/settings", "/usage", "/admin"};

    @Bean
    LoginProvider loginProvider(WebClient.Builder http, LoginProperties login, SecurityProperties security) {
        return new LoginProvider(http, login, security.issuer());
    }

    /** Tokens live in the session that signed in, and go with it. */
    @Bean
    ServerOAuth2AuthorizedClientRepository sessionClients() {
        return new WebSessionServerOAuth2AuthorizedClientRepository();
    }

    @Bean
    ServerCsrfTokenRepository xsrfTokens() {
        CookieServerCsrfTokenRepository tokens = CookieServerCsrfTokenRepository.withHttpOnlyFalse();
        tokens.setCookiePath("/");
        return tokens;
    }

    @Bean
    AppPage appPage() {
        return AppPage.load();
    }

    @Bean
    BrowserSessions browserSessions(LoginProvider provider, ServerOAuth2AuthorizedClientRepository sessionClients,
            ReactiveJwtDecoder decoder, LoginProperties login, ServerCsrfTokenRepository xsrfTokens,
            @Value("${server.reactive.session.cookie.name:SESSION}") String sessionCookie) {
        DefaultReactiveOAuth2AuthorizedClientManager clients = new DefaultReactiveOAuth2AuthorizedClientManager(provider, sessionClients);
        clients.setAuthorizedClientProvider(ReactiveOAuth2AuthorizedClientProviderBuilder.builder()
                .refreshToken(refresh -> refresh.clockSkew(login.refreshBeforeExpiry()))
                .build());
        SessionCallers callers = new SessionCallers(new WebSessionServerSecurityContextRepository(),
                new SessionTokens(clients), decoder, sessionCookie);
        return new NodeSessions(callers, new CookieRequests(sessionCookie), xsrfTokens);
    }

    /** Before the API's chain, which takes every other request. */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    SecurityWebFilterChain browserPages(ServerHttpSecurity http, LoginProvider provider,
            ServerOAuth2AuthorizedClientRepository sessionClients, ServerCsrfTokenRepository xsrfTokens,
            LoginProperties login, AppPage page) {
        ServerWebExchangeMatcher browserPaths = ServerWebExchangeMatchers.pathMatchers(
                concat(PAGES, "/app/**", "/oauth2/authorization/*", "/login/oauth2/code/*", "/logout"));
        return http
                .securityMatcher(browserPaths)
                .authorizeExchange(exchanges -> exchanges
                        .pathMatchers("/app/**").permitAll()
                        .anyExchange().authenticated())
                .oauth2Login(oauth -> oauth
                        .clientRegistrationRepository(provider)
                        .authorizedClientRepository(sessionClients))
                .exceptionHandling(handling -> handling
                        .authenticationEntryPoint(new RedirectServerAuthenticationEntryPoint(LoginProvider.SIGN_IN_PATH)))
                .logout(logout -> logout
                        .logoutUrl("/logout")
                        .logoutHandler(new DelegatingServerLogoutHandler(
                                new SecurityContextServerLogoutHandler(), new WebSessionServerLogoutHandler()))
                        .logoutSuccessHandler(new ProviderSignOut(provider, login.clientId())))
                .csrf(csrf -> csrf
                        .csrfTokenRepository(xsrfTokens)
                        .csrfTokenRequestHandler(new ServerCsrfTokenRequestAttributeHandler()))
                .addFilterAfter(new XsrfCookie(), SecurityWebFiltersOrder.CSRF)
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(ContentSecurityPolicy.forApp(page.importMapHash())))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN))
                        .crossOriginOpenerPolicy(opener -> opener.policy(CrossOriginOpenerPolicy.SAME_ORIGIN))
                        .crossOriginResourcePolicy(resources -> resources.policy(CrossOriginResourcePolicy.SAME_ORIGIN))
                        .permissionsPolicy(permissions -> permissions.policy("camera=(), microphone=(), geolocation=()")))
                .build();
    }

    private static String[] concat(String[] first, String... more) {
        String[] all = java.util.Arrays.copyOf(first, first.length + more.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }

    /** What the API's chain takes from the door: the session's caller, which requests need CSRF, and where the token is. */
    record NodeSessions(ServerSecurityContextRepository callers, ServerWebExchangeMatcher needsCsrfToken,
            ServerCsrfTokenRepository csrfTokens) implements BrowserSessions {
    }
}
