package io.twobrains.door.browser;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.server.WebFilterExchange;
import org.springframework.security.web.server.authentication.logout.ServerLogoutSuccessHandler;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.HtmlUtils;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;

/**
 * After the door has ended a session, ends the user's session at the provider too (OpenID Connect
 * RP-initiated logout), which then sends the browser back to the app. The request goes as a form
 * post rather than a redirect, so the ID token it carries as a hint never appears in a URL or the
 * browser's history. A provider without an end-session endpoint: straight back to the app.
 */
final class ProviderSignOut implements ServerLogoutSuccessHandler {

    private final LoginProvider provider;
    private final String clientId;

    ProviderSignOut(LoginProvider provider, String clientId) {
        this.provider = provider;
        this.clientId = clientId;
    }

    @Override
    public Mono<Void> onLogoutSuccess(WebFilterExchange filterExchange, Authentication authentication) {
        ServerWebExchange exchange = filterExchange.getExchange();
        String home = UriComponentsBuilder.fromUri(exchange.getRequest().getURI()).replacePath("/").replaceQuery(null)
                .fragment(null).build().toUriString();
        if (!(authentication instanceof OAuth2AuthenticationToken login) || !(login.getPrincipal() instanceof OidcUser user)) {
            return redirect(exchange, home);
        }
        return provider.endSessionEndpoint()
                .flatMap(endSession -> endSession.isPresent()
                        ? page(exchange, endSession.get(), user.getIdToken().getTokenValue(), home)
                        : redirect(exchange, home))
                .onErrorResume(unknown -> redirect(exchange, home));
    }

    private Mono<Void> page(ServerWebExchange exchange, URI endSession, String idToken, String home) {
        String html = """
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
                <title>Signing out – twobrains</title><link rel="stylesheet" href="/app/app.css"></head>
                <body class="sign-out"><main>
                <h1>Signing out…</h1>
                <form id="provider-sign-out" method="post" action="%s">
                <input type="hidden" name="id_token_hint" value="%s">
                <input type="hidden" name="client_id" value="%s">
                <input type="hidden" name="post_logout_redirect_uri" value="%s">
                <button type="submit">Finish signing out</button>
                </form></main>
                <script src="/app/sign-out.js"></script></body></html>
                """.formatted(escape(endSession.toString()), escape(idToken), escape(clientId), escape(home));
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(HttpStatus.OK);
        response.getHeaders().setContentType(MediaType.TEXT_HTML);
        response.getHeaders().setCacheControl(CacheControl.noStore());
        response.getHeaders().set("Referrer-Policy", "no-referrer");
        response.getHeaders().set("Content-Security-Policy",
                ContentSecurityPolicy.forSignOut(endSession.getScheme() + "://" + endSession.getRawAuthority()));
        return response.writeWith(Mono.just(response.bufferFactory().wrap(html.getBytes(StandardCharsets.UTF_8))));
    }

    private static Mono<Void> redirect(ServerWebExchange exchange, String home) {
        exchange.getResponse().setStatusCode(HttpStatus.FOUND);
        exchange.getResponse().getHeaders().setLocation(URI.create(home));
        return exchange.getResponse().setComplete();
    }

    private static String escape(String value) {
        return HtmlUtils.htmlEscape(value, StandardCharsets.UTF_8.name());
    }
}
