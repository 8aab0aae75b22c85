package io.twobrains.contract.command;

import io.twobrains.contract.ProfileScoped;
import io.twobrains.contract.profile.SettingsPatch;

/** Changes some settings. */
public record ChangeSettings(SettingsPatch changes) implements Command, ProfileScoped {

    @Override
    public <R> R accept(Command.Visitor<R> visitor) {
        return visitor.visit(this);
    }
}
