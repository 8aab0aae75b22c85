package io.twobrains.service.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twobrains.testkit.TokenMint;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

/** A token is verified once per node until it expires; a bad one every time. Real RS256 signatures. */
class VerifiedTokensTest {

    private static final String ISSUER = "https://issuer.test";

    @TempDir
    Path dir;

    private TokenMint mint;
    private final AtomicInteger verifications = new AtomicInteger();
    private final MutableClock clock = new MutableClock(Instant.now());

    @BeforeEach
    void keys() {
        mint = TokenMint.createKeyFile(dir.resolve("key.json"), ISSUER);
    }

    @Test
    void aValidTokenIsVerifiedOnceHoweverOftenItComes() {
        VerifiedTokens tokens = tokens(100);
        String token = mint.token("alice");

        for (int i = 0; i < 5; i++) {
            assertThat(tokens.decode(token).block().getSubject()).isEqualTo("alice");
        }

        assertThat(verifications).hasValue(1);
    }

    @Test
    void aForgedTokenIsRefusedEveryTimeAndNeverKept() {
        VerifiedTokens tokens = tokens(100);
        String forged = mint.withForeignKey().token("alice");

        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> tokens.decode(forged).block()).isInstanceOf(BadJwtException.class);
        }

        assertThat(verifications).hasValue(3);
        assertThat(tokens.size()).isZero();
    }

    @Test
    void aKeptTokenStopsBeingAcceptedAtItsExpiry() {
        VerifiedTokens tokens = tokens(100);
        String token = mint.token("alice", Duration.ofMinutes(5));
        tokens.decode(token).block();

        clock.advance(Duration.ofMinutes(10));

        assertThatThrownBy(() -> tokens.decode(token).block()).isInstanceOf(JwtValidationException.class)
                .hasMessageContaining("expired");
        assertThat(verifications).hasValue(2);
    }

    @Test
    void theNumberOfKeptTokensIsBounded() {
        VerifiedTokens tokens = tokens(10);

        for (int i = 0; i < 50; i++) {
            tokens.decode(mint.token("user-" + i)).block();
        }

        assertThat(tokens.size()).isLessThanOrEqualTo(10);
    }

    private VerifiedTokens tokens(int capacity) {
        NimbusReactiveJwtDecoder verifier = NimbusReactiveJwtDecoder.withPublicKey(mint.publicKey()).build();
        verifier.setJwtValidator(TokenValidators.forProperties(new SecurityProperties(ISSUER, "unused", null, capacity,
                Duration.ofMinutes(1)),
                clock));
        ReactiveJwtDecoder counting = token -> {
            verifications.incrementAndGet();
            return verifier.decode(token);
        };
        return new VerifiedTokens(counting, capacity, clock);
    }

    /** The time, moved by the test. */
    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
