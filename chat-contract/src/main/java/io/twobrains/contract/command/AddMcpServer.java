package io.twobrains.contract.command;

import io.twobrains.contract.Nullable;
import io.twobrains.contract.ProfileScoped;
import io.twobrains.contract.profile.McpTransport;
import io.twobrains.contract.profile.SealedSecret;
import java.util.List;

/** Adds an MCP server; its headers are sealed by the command API. */
public record AddMcpServer(String serverId, String name, String url, McpTransport transport, @Nullable SealedSecret headers, List<String> headerNames, boolean enabled) implements Command, ProfileScoped {

    @Override
    public <R> R accept(Command.Visitor<R> visitor) {
        return visitor.visit(this);
    }
}
