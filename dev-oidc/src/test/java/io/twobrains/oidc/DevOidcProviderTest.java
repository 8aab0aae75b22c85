package io.twobrains.oidc;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static io.twobrains.oidc.TestHttp.form;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The provider as the services and the door see it, over real HTTP on a random port. The signing key file is
 * created by the test beforehand, so the test knows the private key the provider must sign with.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "spring.config.name=dev-oidc", "twobrains.oidc.issuer=" + DevOidcProviderTest.ISSUER })
class DevOidcProviderTest {

    static final String ISSUER = "http://dev-oidc.test:9000";

    static final String REDIRECT_URI = "http://localhost:8080/login/oauth2/code/twobrains";

    private static final Path KEY_DIR;

    private static final RSAKey KNOWN_KEY;

    static {
        try {
            KEY_DIR = Files.createTempDirectory("dev-oidc-test");
            KNOWN_KEY = new RSAKeyGenerator(2048).keyID("test-key-1").generate();
            Files.writeString(KEY_DIR.resolve("signing-key.json"), KNOWN_KEY.toJSONString());
        }
        catch (Exception ex) {
            throw new ExceptionInInitializerError(ex);
        }
    }

    @DynamicPropertySource
    static void keyFile(DynamicPropertyRegistry registry) {
        registry.add("twobrains.oidc.key-file", () -> KEY_DIR.resolve("signing-key.json").toString());
    }

    @AfterAll
    static void deleteKeyDir() throws IOException {
        try (var files = Files.walk(KEY_DIR)) {
            files.sorted((a, b) -> b.compareTo(a)).forEach(path -> path.toFile().delete());
        }
    }

    @LocalServerPort
    int port;

    @Test
    void devTokenIsAnRs256JwtThatVerifiesAgainstTheJwksEndpoint() throws Exception {
        TestHttp http = new TestHttp(port);
        Instant before = Instant.now().minusSeconds(1);

        HttpResponse<String> response = http.postForm("/dev/token",
                form("sub", "alice", "roles", "admin, writer", "plan", "pro"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        Map<String, Object> body = TestHttp.json(response.body());
        assertThat(body).containsEntry("token_type", "Bearer").containsEntry("expires_in", 3600L);

        SignedJWT jwt = SignedJWT.parse((String) body.get("access_token"));
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        assertThat(jwt.getHeader().getKeyID()).isEqualTo("test-key-1");

        JWKSet jwks = JWKSet.parse(http.get("/oauth2/jwks", "application/json").body());
        JWK published = jwks.getKeyByKeyId(jwt.getHeader().getKeyID());
        assertThat(published).as("JWKS publishes the token's kid").isNotNull();
        assertThat(published.isPrivate()).as("JWKS must not leak the private key").isFalse();
        assertThat(jwt.verify(new RSASSAVerifier(published.toRSAKey().toRSAPublicKey()))).isTrue();
        assertThat(jwt.verify(new RSASSAVerifier(KNOWN_KEY.toRSAPublicKey())))
                .as("signed with the key from the key file").isTrue();

        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo(ISSUER);
        assertThat(claims.getSubject()).isEqualTo("alice");
        assertThat(claims.getAudience()).containsExactly("twobrains");
        assertThat(claims.getStringListClaim("roles")).containsExactly("admin", "writer");
        assertThat(claims.getStringClaim("plan")).isEqualTo("pro");
        assertThat(claims.getStringClaim("scope")).isEqualTo("openid");
        assertThat(claims.getIssueTime()).isAfterOrEqualTo(Date.from(before.truncatedTo(ChronoUnit.SECONDS)));
        assertThat(Duration.between(claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant()))
                .isEqualTo(Duration.ofHours(1));
    }

    @Test
    void devTokenWithoutRolesOrPlanCarriesNeitherClaim() throws Exception {
        HttpResponse<String> response = new TestHttp(port).postForm("/dev/token", form("sub", "bob"));

        assertThat(response.statusCode()).isEqualTo(200);
        JWTClaimsSet claims = SignedJWT.parse((String) TestHttp.json(response.body()).get("access_token"))
                .getJWTClaimsSet();
        assertThat(claims.getSubject()).isEqualTo("bob");
        assertThat(claims.getClaims()).doesNotContainKeys("roles", "plan");
    }

    @Test
    void discoveryDocumentNamesTheIssuerAndJwksUri() {
        Map<String, Object> discovery = new TestHttp(port).getJson("/.well-known/openid-configuration");

        assertThat(discovery)
                .containsEntry("issuer", ISSUER)
                .containsEntry("jwks_uri", ISSUER + "/oauth2/jwks")
                .containsEntry("authorization_endpoint", ISSUER + "/oauth2/authorize")
                .containsEntry("token_endpoint", ISSUER + "/oauth2/token")
                .containsEntry("userinfo_endpoint", ISSUER + "/userinfo");
        assertThat(discovery.get("id_token_signing_alg_values_supported")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST).contains("RS256");
    }

    @Test
    void missingSubjectIsA400ProblemJson() {
        TestHttp http = new TestHttp(port);

        for (Map<String, String> form : List.of(form("roles", "admin"), form("sub", "  "))) {
            HttpResponse<String> response = http.postForm("/dev/token", form);

            assertThat(response.statusCode()).as("status for %s", form).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
            Map<String, Object> problem = TestHttp.json(response.body());
            assertThat(problem).containsEntry("status", 400L);
            assertThat((String) problem.get("detail")).contains("'sub'").contains("required");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "ali\nce", "bob\u0000", "tab\there" })
    void subjectWithControlCharactersIsA400ProblemJson(String sub) {
        HttpResponse<String> response = new TestHttp(port).postForm("/dev/token", form("sub", sub));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat((String) TestHttp.json(response.body()).get("detail")).contains("control characters");
    }

    @Test
    void subjectLongerThan255CharactersIsA400ProblemJsonButExactly255IsFine() {
        TestHttp http = new TestHttp(port);

        HttpResponse<String> tooLong = http.postForm("/dev/token", form("sub", "a".repeat(256)));
        HttpResponse<String> longest = http.postForm("/dev/token", form("sub", "a".repeat(255)));

        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(tooLong.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat((String) TestHttp.json(tooLong.body()).get("detail")).contains("at most 255");
        assertThat(longest.statusCode()).isEqualTo(200);
    }

    @Test
    void authorizationRequestWithoutPkceIsRejected() {
        HttpResponse<String> response = new TestHttp(port).get("/oauth2/authorize?response_type=code"
                + "&client_id=twobrains-door&scope=openid&state=s1&redirect_uri=" + TestHttp.encode(REDIRECT_URI));

        assertThat(response.statusCode()).isEqualTo(302);
        String location = response.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(REDIRECT_URI + "?").contains("error=invalid_request")
                .contains("code_challenge").doesNotContain("code=");
    }

    @Test
    void doorLogsInAdminWithPkceAndGetsAnAccessTokenForTheServices() throws Exception {
        TestHttp browser = new TestHttp(port);
        String verifier = "dev-oidc-test-verifier-0123456789-abcdefghijklmnopqrstuvwxyz";
        String authorize = "/oauth2/authorize?response_type=code&client_id=twobrains-door"
                + "&scope=" + TestHttp.encode("openid profile") + "&state=s2&nonce=n2"
                + "&redirect_uri=" + TestHttp.encode(REDIRECT_URI)
                + "&code_challenge=" + s256(verifier) + "&code_challenge_method=S256";

        HttpResponse<String> toLogin = browser.get(authorize);
        assertThat(toLogin.statusCode()).isEqualTo(302);
        assertThat(toLogin.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));

        HttpResponse<String> loginPage = browser.get("/login");
        assertThat(loginPage.statusCode()).isEqualTo(200);
        HttpResponse<String> loggedIn = browser.postForm("/login",
                form("username", "admin", "password", "password", "_csrf", csrfToken(loginPage.body())));
        assertThat(loggedIn.statusCode()).isEqualTo(302);
        String savedRequest = loggedIn.headers().firstValue("Location").orElseThrow();
        assertThat(savedRequest).as("login continues with the authorization request").contains("/oauth2/authorize?");

        HttpResponse<String> backToAuthorize = browser.get(savedRequest);
        assertThat(backToAuthorize.statusCode()).as("%s -> %s", savedRequest, backToAuthorize.body()).isEqualTo(302);
        URI callback = URI.create(backToAuthorize.headers().firstValue("Location").orElseThrow());
        assertThat(callback.toString()).startsWith(REDIRECT_URI + "?").contains("state=s2");
        String code = queryParameter(callback, "code");

        String basic = "Basic " + Base64.getEncoder()
                .encodeToString("twobrains-door:dev-door-secret".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> tokenResponse = new TestHttp(port).postForm("/oauth2/token", form(
                "grant_type", "authorization_code", "code", code, "redirect_uri", REDIRECT_URI,
                "code_verifier", verifier), basic);
        assertThat(tokenResponse.statusCode()).as(tokenResponse.body()).isEqualTo(200);
        Map<String, Object> tokens = TestHttp.json(tokenResponse.body());
        assertThat(tokens).containsKeys("refresh_token", "id_token");

        SignedJWT accessToken = SignedJWT.parse((String) tokens.get("access_token"));
        JWKSet jwks = JWKSet.parse(new TestHttp(port).get("/oauth2/jwks", "application/json").body());
        RSAKey published = jwks.getKeyByKeyId(accessToken.getHeader().getKeyID()).toRSAKey();
        assertThat(accessToken.verify(new RSASSAVerifier(published))).isTrue();
        JWTClaimsSet claims = accessToken.getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo(ISSUER);
        assertThat(claims.getSubject()).isEqualTo("admin");
        assertThat(claims.getAudience()).contains("twobrains");
        assertThat(claims.getStringListClaim("roles")).containsExactly("admin");
        assertThat(Duration.between(claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant()))
                .isEqualTo(Duration.ofHours(1));

        JWTClaimsSet idToken = SignedJWT.parse((String) tokens.get("id_token")).getJWTClaimsSet();
        assertThat(idToken.getAudience()).containsExactly("twobrains-door");
        assertThat(idToken.getStringClaim("nonce")).isEqualTo("n2");
    }

    private static String csrfToken(String loginPage) {
        Matcher input = Pattern.compile("<input[^>]*name=\"_csrf\"[^>]*>").matcher(loginPage);
        assertThat(input.find()).as("login page has a CSRF field:%n%s", loginPage).isTrue();
        Matcher value = Pattern.compile("value=\"([^\"]+)\"").matcher(input.group());
        assertThat(value.find()).isTrue();
        return value.group(1);
    }

    private static String queryParameter(URI uri, String name) {
        for (String pair : uri.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        throw new AssertionError("No " + name + " in " + uri);
    }

    private static String s256(String verifier) throws NoSuchAlgorithmException {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    }
}
