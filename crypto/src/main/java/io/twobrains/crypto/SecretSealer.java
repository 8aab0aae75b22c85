package io.twobrains.crypto;

import io.twobrains.contract.profile.SealedSecret;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals users' secrets (provider keys, MCP headers) before they leave the command API: AES-256-GCM
 * under a key derived per user (HKDF-SHA256 of a master key, with the user id as context), a fresh
 * 96-bit nonce each time, and the user id and purpose as associated data, so a ciphertext cannot be
 * moved to another user or used as another kind of secret. Only this service holds master keys.
 */
public final class SecretSealer {

    /** Provider keys are sealed for {@code provider-key:<provider>}: a key cannot be opened as anything else. */
    public static final String KEY_PURPOSE = "provider-key";
    /** MCP headers are sealed for {@code mcp-headers:<serverId>}. */
    public static final String HEADERS_PURPOSE = "mcp-headers";

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final byte[] SALT = "twobrains/user-secrets/v1".getBytes(StandardCharsets.UTF_8);
    private static final int CACHED_KEYS = 10_000;

    private final Map<String, byte[]> masterKeys;
    private final String currentKeyId;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, SecretKeySpec> derived = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, SecretKeySpec> eldest) {
            return size() > CACHED_KEYS;
        }
    };

    public SecretSealer(SecretsProperties properties) {
        Map<String, byte[]> keys = new HashMap<>();
        properties.masterKeys().forEach((id, base64) -> {
            byte[] key = Base64.getDecoder().decode(base64);
            if (key.length != 32) {
                throw new IllegalArgumentException("master key " + id + " must be 32 bytes (base64 of 32 random bytes)");
            }
            keys.put(id, key);
        });
        if (!keys.containsKey(properties.currentKeyId())) {
            throw new IllegalArgumentException("no master key with the current id " + properties.currentKeyId());
        }
        this.masterKeys = Map.copyOf(keys);
        this.currentKeyId = properties.currentKeyId();
    }

    /** The id of the master key that new seals use. */
    public String currentKeyId() {
        return currentKeyId;
    }

    public SealedSecret seal(String userId, String purpose, byte[] plaintext) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, userKey(currentKeyId, userId), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData(userId, purpose));
            byte[] sealed = cipher.doFinal(plaintext);
            byte[] out = ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array();
            return new SealedSecret(currentKeyId, Base64.getEncoder().encodeToString(out));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("sealing failed", e);
        }
    }

    public byte[] open(String userId, String purpose, SealedSecret secret) {
        byte[] in = Base64.getDecoder().decode(secret.ciphertext());
        if (!masterKeys.containsKey(secret.keyId()) || in.length <= NONCE_BYTES) {
            throw new IllegalArgumentException("cannot open a secret sealed under key " + secret.keyId());
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, userKey(secret.keyId(), userId),
                    new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
            cipher.updateAAD(associatedData(userId, purpose));
            return cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the secret does not open for this user and purpose", e);
        }
    }

    private synchronized SecretKeySpec userKey(String keyId, String userId) {
        return derived.computeIfAbsent(keyId + "\n" + userId, k -> new SecretKeySpec(hkdf(masterKeys.get(keyId),
                userId.getBytes(StandardCharsets.UTF_8)), "AES"));
    }

    /** HKDF-SHA256 (RFC 5869) with one output block: 32 bytes. */
    private static byte[] hkdf(byte[] inputKey, byte[] info) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SALT, "HmacSHA256"));
            byte[] prk = mac.doFinal(inputKey);
            mac.init(new SecretKeySpec(prk, "HmacSHA256"));
            mac.update(info);
            mac.update((byte) 1);
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] associatedData(String userId, String purpose) {
        return (userId + "\n" + purpose).getBytes(StandardCharsets.UTF_8);
    }
}
