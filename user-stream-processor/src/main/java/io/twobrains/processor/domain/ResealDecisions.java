package io.twobrains.processor.domain;

import static io.twobrains.contract.event.RejectionCode.CONFLICT;
import static io.twobrains.contract.event.RejectionCode.INVALID;

import io.twobrains.contract.command.ResealSecrets;
import io.twobrains.contract.event.SecretsResealed;
import io.twobrains.contract.profile.SealedSecret;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The operator's re-seal of a user's secrets under another master key. Each replacement applies only
 * where the profile still holds the sealed value it expects (compare-and-set): the re-seal is worked
 * out from the global brain, which lags, and the user may change or remove a key meanwhile; what the
 * user stored last always wins. When nothing is as expected any more the command is a conflict, so the
 * log gets no empty fact. The processor only compares ciphertexts: it never opens one.
 */
final class ResealDecisions {

    private ResealDecisions() {
    }

    static Decision reseal(ResealSecrets command, Slice state) {
        if (command.apiKeys().isEmpty() && command.mcpHeaders().isEmpty()) {
            return Decision.reject(INVALID, "no secret to re-seal");
        }
        boolean complete = command.apiKeys().stream().allMatch(k -> k.provider() != null && sealed(k.expected(), k.replacement()))
                && command.mcpHeaders().stream().allMatch(h -> h.serverId() != null && sealed(h.expected(), h.replacement()));
        if (!complete) {
            return Decision.reject(INVALID, "each secret to re-seal needs its place, the sealed value expected and its replacement");
        }
        if (twice(command.apiKeys(), ResealSecrets.ApiKey::provider)
                || twice(command.mcpHeaders(), ResealSecrets.McpHeaders::serverId)) {
            return Decision.reject(INVALID, "a secret to re-seal is named twice");
        }
        Profile profile = state.profile();
        List<SecretsResealed.ApiKey> keys = command.apiKeys().stream()
                .filter(k -> profile.apiKeys().containsKey(k.provider())
                        && profile.apiKeys().get(k.provider()).secret().equals(k.expected()))
                .map(k -> new SecretsResealed.ApiKey(k.provider(), k.replacement()))
                .toList();
        List<SecretsResealed.McpHeaders> headers = command.mcpHeaders().stream()
                .filter(h -> profile.mcpServers().containsKey(h.serverId())
                        && h.expected().equals(profile.mcpServers().get(h.serverId()).headers()))
                .map(h -> new SecretsResealed.McpHeaders(h.serverId(), h.replacement()))
                .toList();
        if (keys.isEmpty() && headers.isEmpty()) {
            return Decision.reject(CONFLICT, "no secret is sealed as expected any more: changed or removed since");
        }
        return Decision.accept(new SecretsResealed(keys, headers));
    }

    private static boolean sealed(SealedSecret... values) {
        return Stream.of(values).allMatch(v -> v != null && v.keyId() != null && v.ciphertext() != null);
    }

    private static <T> boolean twice(List<T> items, Function<T, Object> place) {
        return items.stream().map(place).distinct().count() < items.size();
    }
}
