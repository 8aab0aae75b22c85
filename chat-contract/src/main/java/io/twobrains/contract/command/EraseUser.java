package io.twobrains.contract.command;

import io.twobrains.contract.ProfileScoped;

/** Erases everything the user has. */
public record EraseUser() implements Command, ProfileScoped {

    @Override
    public <R> R accept(Command.Visitor<R> visitor) {
        return visitor.visit(this);
    }
}
