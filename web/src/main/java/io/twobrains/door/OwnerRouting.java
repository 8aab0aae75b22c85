package io.twobrains.door;

import io.twobrains.processor.kafka.UserLocator;
import io.twobrains.service.problem.Problems;
import io.twobrains.service.web.ChatHeaders;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Sends a request for a user to the node that holds the user's partition, once. Runs after
 * authentication, so the user is the verified token's subject; a request this node can answer
 * goes on to the controllers with no hop at all. A request that was already sent here by another
 * node is never sent on again: if this node does not hold the user either, the partition is moving,
 * and the answer is 503 with Retry-After, as while a rebalance is under way.
 */
final class OwnerRouting implements WebFilter, Ordered {

    /** Right after Spring Security's filter chain (at -100). */
    static final int ORDER = -90;

    private final UserLocator locator;
    private final Forwarder forwarder;

    OwnerRouting(UserLocator locator, Forwarder forwarder) {
        this.locator = locator;
        this.forwarder = forwarder;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!PerUserRequests.test(exchange.getRequest().getMethod(), exchange.getRequest().getPath().value())) {
            return chain.filter(exchange);
        }
        // The chain's Mono<Void> completes empty: choose the way first, then take it (a switchIfEmpty
        // after it would run the request twice).
        return ReactiveSecurityContextHolder.getContext()
                .map(SecurityContext::getAuthentication)
                .filter(JwtAuthenticationToken.class::isInstance)
                .map(caller -> route(exchange, chain, (JwtAuthenticationToken) caller))
                .switchIfEmpty(Mono.fromSupplier(() -> chain.filter(exchange)))
                .flatMap(way -> way);
    }

    private Mono<Void> route(ServerWebExchange exchange, WebFilterChain chain, JwtAuthenticationToken caller) {
        return locator.locate(caller.getToken().getSubject())
                .map(location -> location instanceof UserLocator.Location.Elsewhere elsewhere
                        ? sendOn(exchange, elsewhere, caller)
                        : chain.filter(exchange))
                .orElseGet(() -> moving(exchange));
    }

    private Mono<Void> sendOn(ServerWebExchange exchange, UserLocator.Location.Elsewhere owner,
            JwtAuthenticationToken caller) {
        if (exchange.getRequest().getHeaders().containsHeader(ChatHeaders.FORWARDED)) {
            return moving(exchange);
        }
        return forwarder.forward(exchange, owner.host(), caller.getToken().getTokenValue());
    }

    private static Mono<Void> moving(ServerWebExchange exchange) {
        exchange.getResponse().getHeaders().set("Retry-After", "1");
        return Problems.write(exchange, Problems.of(HttpStatus.SERVICE_UNAVAILABLE,
                "your data is moving between nodes; retry shortly"));
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
