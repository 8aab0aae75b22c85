package io.twobrains.contract.event;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.twobrains.contract.ProfileScoped;
import io.twobrains.contract.profile.SettingsPatch;

@JsonClassDescription("Some settings were changed.")
@SchemaVersion(1)
public record SettingsChanged(
        @JsonPropertyDescription("The settings that changed, with their new values.") SettingsPatch changes)
        implements Event, ProfileScoped {

    @Override
    public <R> R accept(Event.Visitor<R> visitor) {
        return visitor.visit(this);
    }
}
