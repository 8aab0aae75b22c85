package io.twobrains.contract.event;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.twobrains.contract.ProfileScoped;

@JsonClassDescription("An MCP server was removed.")
@SchemaVersion(1)
public record McpServerRemoved(
        @JsonPropertyDescription("The server.") String serverId)
        implements Event, ProfileScoped {

    @Override
    public <R> R accept(Event.Visitor<R> visitor) {
        return visitor.visit(this);
    }
}
