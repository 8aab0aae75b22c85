package io.twobrains.door.browser;

import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The API requests a cross-site page could forge: they change something and the browser's session
 * cookie would authenticate them. A request with a bearer token cannot be forged that way, and one
 * with no credentials at all is refused as unauthenticated (401), not as forged.
 */
final class CookieRequests implements ServerWebExchangeMatcher {

    private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS, HttpMethod.TRACE);

    private final String sessionCookie;

    CookieRequests(String sessionCookie) {
        this.sessionCookie = sessionCookie;
    }

    @Override
    public Mono<MatchResult> matches(ServerWebExchange exchange) {
        var request = exchange.getRequest();
        boolean forgeable = !SAFE.contains(request.getMethod())
                && !request.getHeaders().containsHeader(HttpHeaders.AUTHORIZATION)
                && request.getCookies().getFirst(sessionCookie) != null;
        return forgeable ? MatchResult.match() : MatchResult.notMatch();
    }
}
