package io.twobrains.contract.command;

import io.twobrains.contract.Nullable;
import io.twobrains.contract.ProfileScoped;
import io.twobrains.contract.profile.Provider;
import io.twobrains.contract.profile.SealedSecret;

/** Stores the user's own key for a provider, sealed by the command API. */
public record StoreApiKey(Provider provider, SealedSecret secret, String hint, @Nullable String baseUrl) implements Command, ProfileScoped {

    @Override
    public <R> R accept(Command.Visitor<R> visitor) {
        return visitor.visit(this);
    }
}
