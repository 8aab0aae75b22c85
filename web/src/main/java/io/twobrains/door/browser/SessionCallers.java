package io.twobrains.door.browser;

import io.twobrains.service.problem.ApiProblem;
import io.twobrains.service.security.JwtAuthentication;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.oauth2.client.ClientAuthorizationException;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.context.ServerSecurityContextRepository;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The caller of an API request that a signed-in browser made: the session's access token, verified
 * as any bearer token is (the same decoder, which keeps verified tokens), becomes the request's
 * {@code JwtAuthenticationToken}. From there routing to the user's node (with this token as a bearer
 * token), forwarding and every controller work as for an API client. Nothing is saved: the session
 * is written only by the sign-in.
 */
final class SessionCallers implements ServerSecurityContextRepository {

    private static final String RESOLVED = SessionCallers.class.getName() + ".caller";

    private final ServerSecurityContextRepository signIns;
    private final SessionTokens tokens;
    private final ReactiveJwtDecoder decoder;
    private final String sessionCookie;

    SessionCallers(ServerSecurityContextRepository signIns, SessionTokens tokens, ReactiveJwtDecoder decoder,
            String sessionCookie) {
        this.signIns = signIns;
        this.tokens = tokens;
        this.decoder = decoder;
        this.sessionCookie = sessionCookie;
    }

    @Override
    public Mono<SecurityContext> load(ServerWebExchange exchange) {
        if (exchange.getRequest().getHeaders().containsHeader(HttpHeaders.AUTHORIZATION)
                || exchange.getRequest().getCookies().getFirst(sessionCookie) == null) {
            return Mono.empty();
        }
        // Routing, authorization and the controllers each ask for the caller: find it once per request.
        return exchange.getAttributes().computeIfAbsent(RESOLVED, key -> resolve(exchange).cache()) instanceof Mono<?> caller
                ? caller.cast(SecurityContext.class)
                : Mono.empty();
    }

    private Mono<SecurityContext> resolve(ServerWebExchange exchange) {
        return signIns.load(exchange)
                .mapNotNull(SecurityContext::getAuthentication)
                .ofType(OAuth2AuthenticationToken.class)
                .flatMap(login -> tokens.accessToken(login, exchange))
                .flatMap(token -> decoder.decode(token.getTokenValue()))
                .map(jwt -> (SecurityContext) new SecurityContextImpl(JwtAuthentication.of(jwt)))
                // A refused refresh or an unusable token: the session has ended, answered as 401.
                .onErrorResume(ClientAuthorizationException.class, refused -> Mono.empty())
                .onErrorResume(JwtException.class, unusable -> Mono.empty())
                .onErrorMap(error -> !(error instanceof ApiProblem), unreachable -> ApiProblem.unavailable(
                        "your session's token could not be renewed: the sign-in provider did not answer; retry shortly", 5));
    }

    @Override
    public Mono<Void> save(ServerWebExchange exchange, SecurityContext context) {
        return Mono.empty();
    }
}
