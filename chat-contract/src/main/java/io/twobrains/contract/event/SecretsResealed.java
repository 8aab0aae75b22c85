package io.twobrains.contract.event;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.twobrains.contract.ProfileScoped;
import io.twobrains.contract.profile.Provider;
import io.twobrains.contract.profile.SealedSecret;
import java.util.List;

@JsonClassDescription("Some of the user's sealed secrets were sealed again under another master key (an operator's"
        + " re-seal, not the user's doing): the same secrets, new ciphertexts. Only sealed values are in the log.")
@SchemaVersion(1)
public record SecretsResealed(
        @JsonPropertyDescription("Provider keys sealed again.") List<ApiKey> apiKeys,
        @JsonPropertyDescription("MCP servers whose headers were sealed again.") List<McpHeaders> mcpHeaders)
        implements Event, ProfileScoped {

    /** The key stored for a provider, sealed again; its hint and endpoint stay as they were. */
    public record ApiKey(
            @JsonPropertyDescription("The provider.") Provider provider,
            @JsonPropertyDescription("The same key, sealed again for this user.") SealedSecret secret) {
    }

    /** An MCP server's headers, sealed again; everything else of the server stays as it was. */
    public record McpHeaders(
            @JsonPropertyDescription("The server.") String serverId,
            @JsonPropertyDescription("The same headers (a JSON object), sealed again for this user.") SealedSecret headers) {
    }

    public SecretsResealed {
        apiKeys = List.copyOf(apiKeys);
        mcpHeaders = List.copyOf(mcpHeaders);
    }

    @Override
    public <R> R accept(Event.Visitor<R> visitor) {
        return visitor.visit(this);
    }
}
