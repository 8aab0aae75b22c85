package io.twobrains.contract.profile;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * A secret as it travels and rests: AES-256-GCM ciphertext under a per-user key derived from the
 * master key {@code keyId}. Only the command API holds master keys; nothing else can open it.
 */
public record SealedSecret(
        @JsonPropertyDescription("Which master key the per-user key was derived from.") String keyId,
        @JsonPropertyDescription("base64(nonce || ciphertext || tag).") String ciphertext) {

    @Override
    public String toString() {
        return "SealedSecret[keyId=" + keyId + "]";
    }
}
