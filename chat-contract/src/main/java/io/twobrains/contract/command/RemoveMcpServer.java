package io.twobrains.contract.command;

import io.twobrains.contract.ProfileScoped;

/** Removes an MCP server. */
public record RemoveMcpServer(String serverId) implements Command, ProfileScoped {

    @Override
    public <R> R accept(Command.Visitor<R> visitor) {
        return visitor.visit(this);
    }
}
