package io.twobrains.contract.command;

import io.twobrains.contract.ProfileScoped;
import io.twobrains.contract.profile.Provider;

/** Removes the user's key for a provider. */
public record RemoveApiKey(Provider provider) implements Command, ProfileScoped {

    @Override
    public <R> R accept(Command.Visitor<R> visitor) {
        return visitor.visit(this);
    }
}
