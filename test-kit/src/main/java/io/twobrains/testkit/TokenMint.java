package io.twobrains.testkit;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * Signs real RS256 JWTs. Given the key file of the dev OIDC provider, it makes tokens the services
 * accept (and expired ones they must refuse); with a fresh key, tokens they must refuse too.
 */
public final class TokenMint {

    private final RSAKey key;
    private final String issuer;
    private final String audience;

    private TokenMint(RSAKey key, String issuer, String audience) {
        this.key = key;
        this.issuer = issuer;
        this.audience = audience;
    }

    /** Writes a new signing key where the dev provider will find it, and mints with it. */
    public static TokenMint createKeyFile(Path keyFile, String issuer) {
        try {
            RSAKey key = new RSAKeyGenerator(2048).keyID("test-" + UUID.randomUUID()).generate();
            Files.createDirectories(keyFile.getParent());
            Files.writeString(keyFile, key.toJSONString());
            return new TokenMint(key, issuer, "twobrains");
        } catch (JOSEException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Mints with the key in a provider's key file. */
    public static TokenMint fromKeyFile(Path keyFile, String issuer) {
        try {
            return new TokenMint((RSAKey) JWK.parse(Files.readString(keyFile)), issuer, "twobrains");
        } catch (IOException | ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The public half of the signing key: what a verifier trusts. */
    public java.security.interfaces.RSAPublicKey publicKey() {
        try {
            return key.toRSAPublicKey();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A key nobody trusts, for the same issuer: its tokens must fail the signature check. */
    public TokenMint withForeignKey() {
        try {
            return new TokenMint(new RSAKeyGenerator(2048).keyID(key.getKeyID()).generate(), issuer, audience);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public TokenMint withIssuer(String otherIssuer) {
        return new TokenMint(key, otherIssuer, audience);
    }

    public TokenMint withAudience(String otherAudience) {
        return new TokenMint(key, issuer, otherAudience);
    }

    public String token(String subject, String... roles) {
        return token(subject, Duration.ofHours(1), roles);
    }

    /** A token with a {@code plan} claim (the quota plan). */
    public String tokenWithPlan(String subject, String plan) {
        return token(subject, Duration.ofHours(1), java.util.Map.of("plan", plan));
    }

    /** A token valid for {@code ttl} from now; a negative ttl makes one that has expired. */
    public String token(String subject, Duration ttl, String... roles) {
        return roles.length == 0 ? token(subject, ttl, java.util.Map.of())
                : token(subject, ttl, java.util.Map.of("roles", List.of(roles)));
    }

    /**
     * A token signed with this key whose claims {@code adjust} changes first: a valid one to start from,
     * made invalid on purpose (no subject, not yet valid, a huge claim, ...).
     */
    public String tokenWith(String subject, java.util.function.Consumer<JWTClaimsSet.Builder> adjust) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(subject)
                .audience(audience)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofHours(1))))
                .jwtID(UUID.randomUUID().toString());
        adjust.accept(claims);
        return sign(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims.build());
    }

    /** The claims of a valid token, unsigned ({@code alg: none}): it must be refused. */
    public String unsignedToken(String subject) {
        Instant now = Instant.now();
        return new com.nimbusds.jwt.PlainJWT(new JWTClaimsSet.Builder().issuer(issuer).subject(subject).audience(audience)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(Duration.ofHours(1)))).build()).serialize();
    }

    /**
     * A token MACed (HS256) with the public key's bytes as the secret, under this key's id: the classic
     * algorithm confusion, which must be refused.
     */
    public String hmacTokenWithPublicKey(String subject) {
        Instant now = Instant.now();
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(key.getKeyID()).build(),
                    new JWTClaimsSet.Builder().issuer(issuer).subject(subject).audience(audience)
                            .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(Duration.ofHours(1)))).build());
            byte[] secret = key.toPublicJWK().toJSONString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            jwt.sign(new com.nimbusds.jose.crypto.MACSigner(java.util.Arrays.copyOf(secret, Math.max(secret.length, 64))));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private String sign(JWSHeader header, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(header, claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private String token(String subject, Duration ttl, java.util.Map<String, Object> extraClaims) {
        Instant now = Instant.now();
        Instant issuedAt = ttl.isNegative() ? now.plus(ttl).minus(Duration.ofMinutes(5)) : now;
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(subject)
                .audience(audience)
                .issueTime(Date.from(issuedAt))
                .expirationTime(Date.from(now.plus(ttl)))
                .jwtID(UUID.randomUUID().toString());
        extraClaims.forEach(claims::claim);
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                    claims.build());
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
