package io.twobrains.door.browser;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * A signed-in session's access token, kept in the session (never sent to the browser) and renewed
 * with its refresh token when it is about to expire. The requests of one session that arrive
 * together (an app loading its lists) share one look-up, so a provider that allows each refresh
 * token once never sees it twice.
 */
final class SessionTokens {

    private final ReactiveOAuth2AuthorizedClientManager clients;
    private final Map<String, Mono<OAuth2AuthorizedClient>> inFlight = new ConcurrentHashMap<>();

    SessionTokens(ReactiveOAuth2AuthorizedClientManager clients) {
        this.clients = clients;
    }

    /** Empty when the session holds no token, or its refresh was refused (the user signs in again). */
    Mono<OAuth2AccessToken> accessToken(OAuth2AuthenticationToken login, ServerWebExchange exchange) {
        return exchange.getSession().flatMap(session -> inFlight.computeIfAbsent(session.getId(), id -> clients
                        .authorize(OAuth2AuthorizeRequest.withClientRegistrationId(login.getAuthorizedClientRegistrationId())
                                .principal(login)
                                .attribute(ServerWebExchange.class.getName(), exchange)
                                .build())
                        .doFinally(signal -> inFlight.remove(id))
                        .cache()))
                .map(OAuth2AuthorizedClient::getAccessToken);
    }
}
