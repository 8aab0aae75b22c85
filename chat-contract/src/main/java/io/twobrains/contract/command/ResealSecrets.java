package io.twobrains.contract.command;

import io.twobrains.contract.ProfileScoped;
import io.twobrains.contract.profile.Provider;
import io.twobrains.contract.profile.SealedSecret;
import java.util.List;

/**
 * Moves some of the user's sealed secrets to another master key (the operator's re-seal, never the
 * user's request). Each one names the sealed value it expects to find and the value that replaces it,
 * so a secret the user changed meanwhile is left as the user left it. Both values are sealed: the
 * command carries no secret in the clear.
 */
public record ResealSecrets(List<ApiKey> apiKeys, List<McpHeaders> mcpHeaders) implements Command, ProfileScoped {

    /** The key stored for {@code provider}, if it is still {@code expected}, becomes {@code replacement}. */
    public record ApiKey(Provider provider, SealedSecret expected, SealedSecret replacement) {
    }

    /** The headers of MCP server {@code serverId}, if they are still {@code expected}, become {@code replacement}. */
    public record McpHeaders(String serverId, SealedSecret expected, SealedSecret replacement) {
    }

    public ResealSecrets {
        apiKeys = apiKeys == null ? List.of() : List.copyOf(apiKeys);
        mcpHeaders = mcpHeaders == null ? List.of() : List.copyOf(mcpHeaders);
    }

    @Override
    public <R> R accept(Command.Visitor<R> visitor) {
        return visitor.visit(this);
    }
}
