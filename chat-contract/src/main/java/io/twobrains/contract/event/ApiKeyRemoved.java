package io.twobrains.contract.event;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.twobrains.contract.ProfileScoped;
import io.twobrains.contract.profile.Provider;

@JsonClassDescription("The user's key for a provider was removed.")
@SchemaVersion(1)
public record ApiKeyRemoved(
        @JsonPropertyDescription("The provider.") Provider provider)
        implements Event, ProfileScoped {

    @Override
    public <R> R accept(Event.Visitor<R> visitor) {
        return visitor.visit(this);
    }
}
