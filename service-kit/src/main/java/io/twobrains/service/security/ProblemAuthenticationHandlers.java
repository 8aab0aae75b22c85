package io.twobrains.service.security;

import io.twobrains.service.problem.Problems;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** 401 and 403 as problem details, with the {@code WWW-Authenticate} challenge of a bearer-token API. */
final class ProblemAuthenticationHandlers implements ServerAuthenticationEntryPoint, ServerAccessDeniedHandler {

    @Override
    public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException ex) {
        exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        return Problems.write(exchange, Problems.of(HttpStatus.UNAUTHORIZED,
                "a valid bearer token (or a signed-in session) is required (" + ex.getMessage() + ")"));
    }

    /** A browser session's unsafe request without the CSRF token its cookie holds. */
    Mono<Void> csrfRefused(ServerWebExchange exchange, AccessDeniedException denied) {
        return Problems.write(exchange, Problems.of(HttpStatus.FORBIDDEN,
                "a request made with the session cookie needs the X-XSRF-TOKEN header (the XSRF-TOKEN cookie's value)"));
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, AccessDeniedException denied) {
        return Problems.write(exchange, Problems.of(HttpStatus.FORBIDDEN, "this needs a role the token does not have"));
    }
}
