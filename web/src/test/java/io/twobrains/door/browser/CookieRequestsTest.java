package io.twobrains.door.browser;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpCookie;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

/** Which API requests need the CSRF token: changes a browser's session cookie would authenticate, and only those. */
class CookieRequestsTest {

    private final CookieRequests matcher = new CookieRequests("TWOBRAINS_SESSION");

    private boolean needsToken(MockServerHttpRequest.BaseBuilder<?> request) {
        return matcher.matches(MockServerWebExchange.from(request)).block().isMatch();
    }

    @Test
    void aChangeMadeWithTheSessionCookieNeedsTheToken() {
        assertThat(needsToken(MockServerHttpRequest.post("/api/conversations").cookie(new HttpCookie("TWOBRAINS_SESSION", "s")))).isTrue();
        assertThat(needsToken(MockServerHttpRequest.delete("/api/conversations/a").cookie(new HttpCookie("TWOBRAINS_SESSION", "s")))).isTrue();
    }

    @Test
    void aReadABearerTokenCallOrACallWithoutCredentialsDoesNot() {
        assertThat(needsToken(MockServerHttpRequest.get("/api/conversations").cookie(new HttpCookie("TWOBRAINS_SESSION", "s")))).isFalse();
        assertThat(needsToken(MockServerHttpRequest.post("/api/conversations").cookie(new HttpCookie("TWOBRAINS_SESSION", "s"))
                .header("Authorization", "Bearer x"))).isFalse();
        // Answered 401 as unauthenticated, not 403 as forged.
        assertThat(needsToken(MockServerHttpRequest.post("/api/conversations"))).isFalse();
    }
}
