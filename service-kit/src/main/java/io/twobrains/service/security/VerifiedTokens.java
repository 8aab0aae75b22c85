package io.twobrains.service.security;

import java.time.Clock;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

/**
 * Verifies a token once per node: a token whose signature, issuer, audience and expiry were checked
 * is kept until it expires, and the next request with it skips the RSA verification (the largest
 * share of a read's CPU after the hops went). Only successes are kept; a token that failed is checked
 * again each time. A token stops being accepted at its expiry, cached or not.
 */
public final class VerifiedTokens implements ReactiveJwtDecoder {

    private final ReactiveJwtDecoder verifier;
    private final int capacity;
    private final Clock clock;
    private final Map<String, Jwt> verified = new ConcurrentHashMap<>();

    public VerifiedTokens(ReactiveJwtDecoder verifier, int capacity, Clock clock) {
        this.verifier = verifier;
        this.capacity = capacity;
        this.clock = clock;
    }

    @Override
    public Mono<Jwt> decode(String token) {
        Jwt known = verified.get(token);
        Instant now = clock.instant();
        if (known != null) {
            if (known.getExpiresAt() != null && now.isBefore(known.getExpiresAt())) {
                return Mono.just(known);
            }
            verified.remove(token, known);
        }
        return verifier.decode(token).doOnNext(jwt -> remember(token, jwt, now));
    }

    private void remember(String token, Jwt jwt, Instant now) {
        if (capacity == 0) {
            return;
        }
        if (verified.size() >= capacity) {
            forgetExpired(now);
            if (verified.size() >= capacity) {
                // Full of live tokens: make room at random rather than scan for the oldest on every request.
                Iterator<String> any = verified.keySet().iterator();
                for (int i = 0; i < capacity / 10 && any.hasNext(); i++) {
                    any.next();
                    any.remove();
                }
            }
        }
        verified.put(token, jwt);
    }

    private void forgetExpired(Instant now) {
        verified.values().removeIf(jwt -> jwt.getExpiresAt() == null || !now.isBefore(jwt.getExpiresAt()));
    }

    int size() {
        return verified.size();
    }
}
