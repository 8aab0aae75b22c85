package io.twobrains.command.reseal;

import io.twobrains.contract.command.ResealSecrets;
import io.twobrains.contract.profile.Provider;
import io.twobrains.contract.profile.SealedSecret;
import io.twobrains.crypto.SecretSealer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * One user's sealed secrets that a re-seal moves: provider keys by provider, MCP server headers by
 * server id, each as the global brain last showed it.
 */
public record UserSecrets(String userId, Map<Provider, SealedSecret> apiKeys, Map<String, SealedSecret> mcpHeaders) {

    public UserSecrets {
        apiKeys = Map.copyOf(apiKeys);
        mcpHeaders = Map.copyOf(mcpHeaders);
    }

    public int count() {
        return apiKeys.size() + mcpHeaders.size();
    }

    /**
     * The command that moves them to the sealer's current master key: each secret is opened with the key
     * that sealed it and sealed again for the same user and purpose, the old sealed value going with it
     * as the one the processor must still find. The plaintext lives only here, for the moment between the
     * two, and is wiped after.
     *
     * @throws IllegalArgumentException if a secret does not open (its master key is not configured)
     */
    public ResealSecrets resealedWith(SecretSealer sealer) {
        List<ResealSecrets.ApiKey> keys = apiKeys.entrySet().stream()
                .map(key -> new ResealSecrets.ApiKey(key.getKey(), key.getValue(),
                        reseal(sealer, SecretSealer.KEY_PURPOSE + ":" + key.getKey().id(), key.getValue())))
                .toList();
        List<ResealSecrets.McpHeaders> headers = mcpHeaders.entrySet().stream()
                .map(server -> new ResealSecrets.McpHeaders(server.getKey(), server.getValue(),
                        reseal(sealer, SecretSealer.HEADERS_PURPOSE + ":" + server.getKey(), server.getValue())))
                .toList();
        return new ResealSecrets(keys, headers);
    }

    private SealedSecret reseal(SecretSealer sealer, String purpose, SealedSecret sealed) {
        byte[] plaintext = sealer.open(userId, purpose, sealed);
        try {
            return sealer.seal(userId, purpose, plaintext);
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }
}
