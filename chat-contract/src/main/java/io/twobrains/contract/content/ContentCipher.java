package io.twobrains.contract.content;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals and opens one user's message content with the user's data key: AES-256-GCM, a fresh 96-bit
 * nonce per value, and the user and the record the value belongs to as associated data, so a sealed
 * value opens only for that user's key and in its own place (a title of its conversation, the parts of
 * its message, a chunk of its generation). A sealed value is a string {@code tbc1.<base64url(nonce,
 * ciphertext, tag)>}, so it fits where the plaintext string was and the records keep their shape.
 *
 * <p>Erasing a user destroys the key; what was sealed with it cannot be opened again, wherever copies of
 * it are (log segments, changelogs, dead letters, backups).
 */
public final class ContentCipher {

    /** The prefix of a sealed value; a string without it is plaintext written before content was sealed. */
    public static final String PREFIX = "tbc1.";

    private static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final int OVERHEAD = NONCE_BYTES + TAG_BITS / 8;
    private static final byte[] DOMAIN = "twobrains/content/v1".getBytes(StandardCharsets.UTF_8);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    /**
     * One AES-GCM cipher per thread: {@code Cipher.getInstance} costs more than sealing a short value.
     * It is initialised again for every value, with the key and a nonce (fresh for each seal, so a key
     * and nonce are never used twice for encryption, which GCM forbids), so it holds no key between
     * values and can be shared by every user's cipher on the thread.
     */
    private static final ThreadLocal<Cipher> GCM = ThreadLocal.withInitial(() -> {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM is not available", e);
        }
    });

    private final String userId;
    private final SecretKeySpec key;
    /** The start of every value's associated data: the domain and the user, each ended by a zero byte. */
    private final byte[] userData;

    public ContentCipher(String userId, byte[] key) {
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException("a data key is " + KEY_BYTES + " bytes");
        }
        this.userId = userId;
        this.key = new SecretKeySpec(key.clone(), "AES");
        byte[] user = userId.getBytes(StandardCharsets.UTF_8);
        this.userData = ByteBuffer.allocate(DOMAIN.length + user.length + 2).put(DOMAIN).put((byte) 0).put(user)
                .put((byte) 0).array();
    }

    /** A new random data key. */
    public static byte[] newKey() {
        byte[] key = new byte[KEY_BYTES];
        RANDOM.nextBytes(key);
        return key;
    }

    public String userId() {
        return userId;
    }

    /** Whether {@code value} is sealed (rather than plaintext from before sealing, or absent). */
    public static boolean isSealed(String value) {
        return value != null && value.startsWith(PREFIX);
    }

    /**
     * The length in bytes of the UTF-8 plaintext inside a sealed value, without opening it (for limits
     * that are checked where no key is).
     */
    public static int plainBytes(String sealed) {
        int encoded = sealed.length() - PREFIX.length();
        int decoded = encoded * 3 / 4;
        return Math.max(0, decoded - OVERHEAD);
    }

    /** Seals {@code plaintext} for {@code place} (the ids of the record it belongs to). */
    public String seal(String plaintext, ContentPlace place) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = GCM.get();
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            associatedData(cipher, place);
            byte[] plain = plaintext.getBytes(StandardCharsets.UTF_8);
            byte[] sealed = new byte[NONCE_BYTES + cipher.getOutputSize(plain.length)];
            System.arraycopy(nonce, 0, sealed, 0, NONCE_BYTES);
            int length = cipher.doFinal(plain, 0, plain.length, sealed, NONCE_BYTES);
            return PREFIX + ENCODER.encodeToString(length == sealed.length - NONCE_BYTES ? sealed
                    : Arrays.copyOf(sealed, NONCE_BYTES + length));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("sealing failed", e);
        }
    }

    /**
     * Opens a value sealed for {@code place}; a plaintext value (written before sealing) is returned as
     * it is.
     *
     * @throws UnreadableContentException if it was sealed with another key or for another place
     */
    public String open(String value, ContentPlace place) {
        if (!isSealed(value)) {
            return value;
        }
        ByteBuffer in;
        try {
            // As Base64.Decoder.decode(String) reads a string, without copying the part after the prefix.
            byte[] text = value.getBytes(StandardCharsets.ISO_8859_1);
            in = DECODER.decode(ByteBuffer.wrap(text, PREFIX.length(), text.length - PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new UnreadableContentException("a sealed value is not base64url", e);
        }
        int length = in.remaining();
        if (length < OVERHEAD) {
            throw new UnreadableContentException("a sealed value is too short", null);
        }
        byte[] sealed = in.array();
        int offset = in.arrayOffset() + in.position();
        try {
            Cipher cipher = GCM.get();
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, offset, NONCE_BYTES));
            associatedData(cipher, place);
            byte[] plain = new byte[cipher.getOutputSize(length - NONCE_BYTES)];
            int plainLength = cipher.doFinal(sealed, offset + NONCE_BYTES, length - NONCE_BYTES, plain, 0);
            return new String(plain, 0, plainLength, StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new UnreadableContentException("a sealed value does not open with this key for " + place, e);
        }
    }

    /** The associated data of a value: the domain, the user and the place, each but the last ended by a zero byte. */
    private void associatedData(Cipher cipher, ContentPlace place) {
        cipher.updateAAD(userData);
        cipher.updateAAD(place.toString().getBytes(StandardCharsets.UTF_8));
    }
}
