package io.twobrains.command.reseal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twobrains.contract.command.ResealSecrets;
import io.twobrains.contract.profile.Provider;
import io.twobrains.contract.profile.SealedSecret;
import io.twobrains.crypto.SecretSealer;
import io.twobrains.crypto.SecretsProperties;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Re-sealing opens each secret with the key that sealed it and seals it for the same place under the current key. */
class UserSecretsTest {

    private static final String OLD = masterKey();
    private static final String NEW = masterKey();
    private static final SecretSealer OLD_ONLY = new SecretSealer(new SecretsProperties(Map.of("old", OLD), "old"));
    private static final SecretSealer ROTATED = new SecretSealer(new SecretsProperties(Map.of("old", OLD, "new", NEW), "new"));
    private static final SecretSealer NEW_ONLY = new SecretSealer(new SecretsProperties(Map.of("new", NEW), "new"));

    private static final String KEY_PURPOSE = SecretSealer.KEY_PURPOSE + ":openai";
    private static final String HEADERS_PURPOSE = SecretSealer.HEADERS_PURPOSE + ":docs";

    @Test
    void eachSecretIsSealedAgainUnderTheCurrentKeyForTheSameUserAndPlaceWithTheOldValueAsTheExpectedOne() {
        SealedSecret key = OLD_ONLY.seal("alice", KEY_PURPOSE, bytes("sk-alice"));
        SealedSecret headers = OLD_ONLY.seal("alice", HEADERS_PURPOSE, bytes("{\"X-Api-Key\":\"h\"}"));

        ResealSecrets command = new UserSecrets("alice", Map.of(Provider.OPENAI, key), Map.of("docs", headers))
                .resealedWith(ROTATED);

        ResealSecrets.ApiKey resealedKey = command.apiKeys().get(0);
        assertThat(resealedKey.provider()).isEqualTo(Provider.OPENAI);
        assertThat(resealedKey.expected()).isEqualTo(key);
        assertThat(resealedKey.replacement().keyId()).isEqualTo("new");
        assertThat(NEW_ONLY.open("alice", KEY_PURPOSE, resealedKey.replacement())).isEqualTo(bytes("sk-alice"));
        ResealSecrets.McpHeaders resealedHeaders = command.mcpHeaders().get(0);
        assertThat(resealedHeaders.expected()).isEqualTo(headers);
        assertThat(NEW_ONLY.open("alice", HEADERS_PURPOSE, resealedHeaders.replacement()))
                .isEqualTo(bytes("{\"X-Api-Key\":\"h\"}"));
        assertThatThrownBy(() -> NEW_ONLY.open("bob", KEY_PURPOSE, resealedKey.replacement()))
                .as("still bound to its user").isInstanceOf(IllegalArgumentException.class);
        assertThat(command.toString()).doesNotContain("sk-alice");
    }

    @Test
    void aSecretNoConfiguredMasterKeyOpensIsRefusedBeforeAnyCommandExists() {
        SealedSecret key = OLD_ONLY.seal("alice", KEY_PURPOSE, bytes("sk-alice"));

        assertThatThrownBy(() -> new UserSecrets("alice", Map.of(Provider.OPENAI, key), Map.of()).resealedWith(NEW_ONLY))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("sk-alice");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String masterKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
