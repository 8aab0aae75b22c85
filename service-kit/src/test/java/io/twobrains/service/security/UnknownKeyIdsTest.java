package io.twobrains.service.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.sun.net.httpserver.HttpServer;
import io.twobrains.testkit.TokenMint;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

/**
 * Tokens naming keys the issuer never published cannot make a node fetch the issuer's JWKS more than
 * once per interval, whatever their number; a key the issuer really rotated in is found once the
 * interval has passed. The JWKS is served on loopback and its fetches are counted; real RS256 tokens.
 */
class UnknownKeyIdsTest {

    private static final String ISSUER = "https://issuer.test";
    private static final Duration INTERVAL = Duration.ofMinutes(1);

    @TempDir
    Path dir;

    private final AtomicInteger fetches = new AtomicInteger();
    private final AtomicReference<String> published = new AtomicReference<>();
    private final VerifiedTokensTest.MutableClock clock = new VerifiedTokensTest.MutableClock(Instant.now());
    private HttpServer jwks;
    private TokenMint issuer;
    private ReactiveJwtDecoder decoder;

    @BeforeEach
    void anIssuerPublishingOneKey() throws IOException {
        issuer = TokenMint.createKeyFile(dir.resolve("issuer.json"), ISSUER);
        publish(dir.resolve("issuer.json"));
        jwks = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        jwks.createContext("/jwks", exchange -> {
            fetches.incrementAndGet();
            byte[] body = published.get().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        jwks.start();
        String uri = "http://127.0.0.1:" + jwks.getAddress().getPort() + "/jwks";
        decoder = new ResourceServerConfiguration().jwtDecoder(new SecurityProperties(ISSUER, uri, null, 100, INTERVAL),
                clock);
    }

    @AfterEach
    void stop() {
        jwks.stop(0);
    }

    @Test
    void tokensNamingUnknownKeysFetchTheKeysAtMostOncePerInterval() {
        List<TokenMint> strangers = strangers(4);
        assertThat(decoder.decode(issuer.token("alice")).block().getSubject()).isEqualTo("alice");
        assertThat(fetches).hasValue(1);

        refuseAll(strangers, 25);
        assertThat(fetches).as("right after a fetch, unknown keys fetch nothing").hasValue(1);

        clock.advance(INTERVAL.plusSeconds(1));
        refuseAll(strangers, 25);
        assertThat(fetches).as("once the interval has passed, one fetch for all of them").hasValue(2);

        assertThat(decoder.decode(issuer.token("bob")).block().getSubject()).isEqualTo("bob");
        assertThat(fetches).hasValue(2);
    }

    @Test
    void aKeyTheIssuerRotatedInIsFoundOnceTheIntervalHasPassed() throws IOException {
        decoder.decode(issuer.token("alice")).block();
        TokenMint rotated = TokenMint.createKeyFile(dir.resolve("rotated.json"), ISSUER);
        publish(dir.resolve("issuer.json"), dir.resolve("rotated.json"));
        clock.advance(INTERVAL.plusSeconds(1));

        assertThat(decoder.decode(rotated.token("carol")).block().getSubject()).isEqualTo("carol");
        assertThat(fetches).hasValue(2);
    }

    @Test
    void manyFirstRequestsAtOnceAllWaitForTheOneFetchAndAreAccepted() throws Exception {
        int callers = 16;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(callers);
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        try {
            List<java.util.concurrent.Future<String>> subjects = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                String token = issuer.token("user-" + i);
                subjects.add(pool.submit(() -> {
                    go.await();
                    return decoder.decode(token).block(Duration.ofSeconds(30)).getSubject();
                }));
            }
            go.countDown();
            for (int i = 0; i < callers; i++) {
                assertThat(subjects.get(i).get()).as("a node's first requests, at once").isEqualTo("user-" + i);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(fetches).as("one fetch for all of them").hasValue(1);
    }

    private void refuseAll(List<TokenMint> strangers, int tokens) {
        for (int i = 0; i < tokens; i++) {
            String token = strangers.get(i % strangers.size()).token("mallory-" + i);
            assertThatThrownBy(() -> decoder.decode(token).block()).isInstanceOf(JwtException.class);
        }
    }

    /** Keys of the same issuer's name that the issuer never published, each with its own {@code kid}. */
    private List<TokenMint> strangers(int count) {
        List<TokenMint> strangers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            strangers.add(TokenMint.createKeyFile(dir.resolve("stranger-" + i + ".json"), ISSUER));
        }
        return strangers;
    }

    private void publish(Path... keyFiles) throws IOException {
        List<JWK> keys = new ArrayList<>();
        for (Path keyFile : keyFiles) {
            try {
                keys.add(JWK.parse(Files.readString(keyFile)).toPublicJWK());
            } catch (java.text.ParseException e) {
                throw new IllegalStateException(e);
            }
        }
        published.set(new JWKSet(keys).toString());
    }
}
