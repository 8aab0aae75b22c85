package io.twobrains.command.api;

import io.twobrains.contract.Limits;
import io.twobrains.contract.json.ChatJson;
import io.twobrains.service.problem.ApiProblem;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;

/**
 * Command ids and the ids a command creates. With an {@code Idempotency-Key} the command id is derived
 * from the user and the key, so a retry is recognised by the processor; its fingerprint (method, path
 * and body) tells a true retry from a reused key.
 */
public final class CommandIds {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ID_ENCODER = Base64.getUrlEncoder().withoutPadding();

    /** The identity of one write. */
    public record Identity(UUID commandId, String fingerprint) {

        /** A new resource id: random, or derived from the command id so a retry names the same resource. */
        public String newResourceId() {
            return fingerprint == null ? randomId() : derivedId(commandId);
        }
    }

    private CommandIds() {
    }

    public static Identity of(String userId, String idempotencyKey, String method, String path, Object body) {
        if (idempotencyKey == null) {
            return new Identity(UUID.randomUUID(), null);
        }
        if (idempotencyKey.isBlank() || idempotencyKey.length() > Limits.MAX_IDEMPOTENCY_KEY_LENGTH
                || !idempotencyKey.chars().allMatch(c -> c >= 0x21 && c <= 0x7E)) {
            throw ApiProblem.badRequest("Idempotency-Key must be 1 to " + Limits.MAX_IDEMPOTENCY_KEY_LENGTH
                    + " visible ASCII characters");
        }
        UUID commandId = UUID.nameUUIDFromBytes((userId + "\n" + idempotencyKey).getBytes(StandardCharsets.UTF_8));
        String request = method + " " + path + "\n" + (body == null ? "" : ChatJson.MAPPER.writeValueAsString(body));
        return new Identity(commandId, HexFormat.of().formatHex(sha256(request.getBytes(StandardCharsets.UTF_8))));
    }

    private static String randomId() {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return ID_ENCODER.encodeToString(bytes);
    }

    private static String derivedId(UUID commandId) {
        return ID_ENCODER.encodeToString(Arrays.copyOf(sha256(commandId.toString().getBytes(StandardCharsets.UTF_8)), 12));
    }

    private static byte[] sha256(byte[] input) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(input);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
