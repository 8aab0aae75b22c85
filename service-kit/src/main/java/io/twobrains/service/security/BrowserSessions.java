package io.twobrains.service.security;

import org.springframework.security.web.server.context.ServerSecurityContextRepository;
import org.springframework.security.web.server.csrf.ServerCsrfTokenRepository;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;

/**
 * How a server that also serves browsers lets a signed-in session call its API. A request without a
 * bearer token may carry a session cookie instead: its caller is then the session's access token,
 * verified as a bearer token is ({@link JwtAuthentication}), and an unsafe request needs a CSRF token
 * besides, since a browser sends cookies by itself. Only the node (module {@code web}) has such a
 * bean; without one every API stays stateless, bearer tokens only, no CSRF.
 */
public interface BrowserSessions {

    /** The caller of a request that has no bearer token, from its session (empty without one). */
    ServerSecurityContextRepository callers();

    /** Requests a cookie may authenticate whose method changes something: they need the CSRF token. */
    ServerWebExchangeMatcher needsCsrfToken();

    /** Where the CSRF token lives: a cookie the app reads and sends back in a header. */
    ServerCsrfTokenRepository csrfTokens();
}
