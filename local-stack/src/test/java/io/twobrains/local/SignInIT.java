package io.twobrains.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Cookie;

/**
 * Signing in and out through the dev provider's real login page, and the door's guarantees to a
 * browser: an HttpOnly session cookie, CSRF on every change made with it, no token anywhere the
 * page can reach, the security headers, and API clients still answered 401, never redirected.
 */
class SignInIT {

    private static LocalStack stack;
    private static final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeAll
    static void start() {
        Browser.assumeInstalled();
        stack = Stacks.shared();
    }

    @Test
    void aDemoUserSignsInOnTheProvidersPageAndSignsOutOfTheDoorAndTheProvider() throws Exception {
        try (Browser browser = Browser.open()) {
            browser.go(stack.doorUrl() + "/");

            assertThat(browser.driver.getCurrentUrl()).startsWith(stack.oidcUrl() + "/login");
            assertThat(browser.text("#demo-users + p + ul")).contains("Sign in as alice", "Sign in as admin", "roles: admin");
            browser.find("#username").sendKeys("ui-login");
            browser.find("#password").sendKeys(Stacks.DEMO_PASSWORD);
            browser.find("main form button[type=submit]").click();

            browser.await("the app, signed in", d -> d.getCurrentUrl().equals(stack.doorUrl() + "/")
                    && browser.present("tb-sidebar .who"));
            assertThat(browser.text("tb-sidebar .who")).isEqualTo("ui-login");
            String session = browser.driver.manage().getCookieNamed("TWOBRAINS_SESSION").getValue();
            assertThat(me(session).statusCode()).isEqualTo(200);

            browser.find("tb-sidebar .sign-out button").click();

            // The provider's session has ended too: the app sends the browser to sign in again, and the
            // provider asks for a password instead of signing it straight back in.
            browser.await("the provider's login page after signing out", d -> d.getCurrentUrl().startsWith(stack.oidcUrl() + "/login"));
            assertThat(browser.present("#username")).isTrue();
            assertThat(me(session).statusCode()).isEqualTo(401);
        }
    }

    @Test
    void theSessionCookieIsHttpOnlyAndAChangeWithoutTheCsrfTokenIsRefused() {
        try (AppUser user = AppUser.signIn(stack, "ui-security")) {
            Cookie session = user.browser.driver.manage().getCookieNamed("TWOBRAINS_SESSION");
            assertThat(session.isHttpOnly()).isTrue();
            assertThat(session.getSameSite()).isEqualTo("Lax");
            assertThat((String) user.browser.script("return document.cookie")).doesNotContain("TWOBRAINS_SESSION")
                    .contains("XSRF-TOKEN");

            Map<?, ?> forged = fetch(user, "POST", "/api/conversations", "{}", false);
            Map<?, ?> genuine = fetch(user, "POST", "/api/conversations", "{}", true);

            assertThat(forged.get("status")).isEqualTo(403L);
            assertThat((String) forged.get("type")).startsWith("application/problem+json");
            assertThat(genuine.get("status")).isEqualTo(201L);
        }
    }

    @Test
    void noTokenIsInBrowserStorageOrInAnyAddressThePageUsed() {
        try (AppUser user = AppUser.signIn(stack, "ui-security")) {
            user.send("Is anything secret left lying around?");
            user.awaitReply();

            @SuppressWarnings("unchecked")
            List<String> seen = (List<String>) user.browser.script("""
                    const all = [location.href, ...performance.getEntries().map(e => e.name)];
                    for (const store of [localStorage, sessionStorage]) {
                      for (let i = 0; i < store.length; i++) all.push(store.key(i) + '=' + store.getItem(store.key(i)));
                    }
                    return all;""");
            assertThat(seen).isNotEmpty().noneMatch(value -> value.contains("eyJ") || value.contains("access_token")
                    || value.contains("refresh_token") || value.contains("id_token"));
            assertThat(user.browser.script("return localStorage.length + sessionStorage.length")).isEqualTo(1L);
        }
    }

    @Test
    void pagesCarryASecurityPolicyWithoutInlineScriptsAndApiCallsWithoutCredentialsAre401() throws Exception {
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(stack.doorUrl() + "/")).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> api = http.send(HttpRequest.newBuilder(URI.create(stack.doorUrl() + "/api/conversations"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).header("Content-Type", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(page.headers().firstValue("Location")).hasValue("/oauth2/authorization/twobrains");
        String policy = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(policy).contains("script-src 'self' 'sha256-", "frame-ancestors 'none'", "object-src 'none'")
                .doesNotContain("unsafe-inline", "unsafe-eval");
        assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("same-origin");
        assertThat(api.statusCode()).isEqualTo(401);
        assertThat(api.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(api.headers().firstValue("Location")).isEmpty();
    }

    private static HttpResponse<String> me(String session) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(stack.doorUrl() + "/api/me"))
                .header("Cookie", "TWOBRAINS_SESSION=" + session).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A request from the page itself, with or without the CSRF token the app sends. */
    private static Map<?, ?> fetch(AppUser user, String method, String path, String body, boolean withCsrf) {
        return (Map<?, ?>) user.browser.driver.executeAsyncScript("""
                const [method, path, body, withCsrf, done] = arguments;
                const headers = {'Content-Type': 'application/json'};
                const token = document.cookie.match(/XSRF-TOKEN=([^;]+)/);
                if (withCsrf && token) headers['X-XSRF-TOKEN'] = decodeURIComponent(token[1]);
                fetch(path, {method, headers, body}).then(r => done({status: r.status, type: r.headers.get('Content-Type') || ''}));""",
                method, path, body, withCsrf);
    }
}
