package io.twobrains.contract.event;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.twobrains.contract.Nullable;
import io.twobrains.contract.ProfileScoped;
import io.twobrains.contract.profile.Provider;
import io.twobrains.contract.profile.SealedSecret;

@JsonClassDescription("The user stored their own key for a provider. Only the sealed key is in the log.")
@SchemaVersion(1)
public record ApiKeyStored(
        @JsonPropertyDescription("The provider.") Provider provider,
        @JsonPropertyDescription("The key, sealed for this user.") SealedSecret secret,
        @JsonPropertyDescription("The last four characters, for display.") String hint,
        @JsonPropertyDescription("The endpoint, for an OpenAI-compatible provider.") @Nullable String baseUrl)
        implements Event, ProfileScoped {

    @Override
    public <R> R accept(Event.Visitor<R> visitor) {
        return visitor.visit(this);
    }
}
