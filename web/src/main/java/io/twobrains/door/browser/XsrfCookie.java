package io.twobrains.door.browser;

import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Hands the app its CSRF token with the page: Spring issues the {@code XSRF-TOKEN} cookie only when
 * something asks for the token, and the page itself never does. The app sends the cookie's value
 * back in {@code X-XSRF-TOKEN} with every request that changes something.
 */
final class XsrfCookie implements WebFilter {

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        Mono<CsrfToken> token = exchange.getAttribute(CsrfToken.class.getName());
        return token == null ? chain.filter(exchange) : token.then(chain.filter(exchange));
    }
}
