package io.twobrains.contract.event;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import io.twobrains.contract.ProfileScoped;

@JsonClassDescription("Everything of the user was erased: conversations, messages, settings, keys, servers, usage.")
@SchemaVersion(1)
public record UserErased()
        implements Event, ProfileScoped {

    @Override
    public <R> R accept(Event.Visitor<R> visitor) {
        return visitor.visit(this);
    }
}
