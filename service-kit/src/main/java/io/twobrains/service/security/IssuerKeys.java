package io.twobrains.service.security;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The issuer's signing keys, fetched from its JWKS and kept. A token naming a key that is not
 * among them (the issuer rotated, or someone made the {@code kid} up) may fetch the set again, but
 * only once per {@code refetchInterval}: without this, every request carrying an unknown {@code kid}
 * made the node fetch the JWKS, which let anyone turn the API into a flood on the issuer. Spring's
 * own reactive JWKS source refetches on every unknown key. Until a first fetch succeeds, fetches are
 * spaced by {@link #RETRY_AFTER_FAILURE}. Concurrent requests share one fetch in flight.
 */
final class IssuerKeys implements Function<SignedJWT, Flux<JWK>> {

    private static final Logger LOG = LoggerFactory.getLogger(IssuerKeys.class);
    static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(5);
    private static final Duration FETCH_TIMEOUT = Duration.ofSeconds(10);

    private final WebClient web;
    private final String jwkSetUri;
    private final Duration refetchInterval;
    private final Clock clock;
    private final AtomicReference<JWKSet> keys = new AtomicReference<>();
    private final AtomicReference<Instant> lastFetch = new AtomicReference<>(Instant.MIN);
    private final AtomicReference<Mono<JWKSet>> inFlight = new AtomicReference<>();

    IssuerKeys(WebClient web, String jwkSetUri, Duration refetchInterval, Clock clock) {
        this.web = web;
        this.jwkSetUri = jwkSetUri;
        this.refetchInterval = refetchInterval;
        this.clock = clock;
    }

    @Override
    public Flux<JWK> apply(SignedJWT jwt) {
        JWKSelector selector = new JWKSelector(JWKMatcher.forJWSHeader(jwt.getHeader()));
        JWKSet known = keys.get();
        List<JWK> matching = known == null ? List.of() : selector.select(known);
        if (!matching.isEmpty()) {
            return Flux.fromIterable(matching);
        }
        // No key matches: nothing, unless a fetch is due (Nimbus then refuses the token as it would any bad signature).
        return fetchIfDue().map(selector::select).flatMapMany(Flux::fromIterable);
    }

    /**
     * The fetch in flight, a new one if one is due, or else the keys known now (a fetch that ended
     * between this request's first look and now may have brought the key it needs). Decided under the
     * lock, so a request never sees "just fetched" without also seeing the fetch in flight.
     */
    private synchronized Mono<JWKSet> fetchIfDue() {
        Mono<JWKSet> running = inFlight.get();
        if (running != null) {
            return running;
        }
        Instant now = clock.instant();
        Instant last = lastFetch.get();
        Duration spacing = keys.get() == null ? RETRY_AFTER_FAILURE : refetchInterval;
        if (last.isAfter(now.minus(spacing))) {
            return Mono.justOrEmpty(keys.get());
        }
        lastFetch.set(now);
        Mono<JWKSet> fetch = web.get().uri(jwkSetUri).retrieve().bodyToMono(String.class)
                .timeout(FETCH_TIMEOUT)
                .map(IssuerKeys::parse)
                .doOnNext(keys::set)
                .onErrorResume(error -> {
                    LOG.warn("could not fetch the issuer's keys from {}: {}", jwkSetUri, error.toString());
                    return Mono.justOrEmpty(keys.get());
                })
                .doFinally(signal -> ended())
                .cache();
        inFlight.set(fetch);
        return fetch;
    }

    private synchronized void ended() {
        inFlight.set(null);
    }

    private static JWKSet parse(String body) {
        try {
            return JWKSet.parse(body);
        } catch (ParseException e) {
            throw new IllegalStateException("the issuer's JWKS could not be read: " + e.getMessage(), e);
        }
    }
}
