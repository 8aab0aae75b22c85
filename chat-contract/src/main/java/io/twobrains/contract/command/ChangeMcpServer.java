package io.twobrains.contract.command;

import io.twobrains.contract.Nullable;
import io.twobrains.contract.ProfileScoped;
import io.twobrains.contract.profile.McpTransport;
import io.twobrains.contract.profile.SealedSecret;
import java.util.List;

/** Changes an MCP server; absent fields keep their value. */
public record ChangeMcpServer(String serverId, @Nullable String name, @Nullable String url, @Nullable McpTransport transport, @Nullable SealedSecret headers, @Nullable List<String> headerNames, @Nullable Boolean enabled) implements Command, ProfileScoped {

    @Override
    public <R> R accept(Command.Visitor<R> visitor) {
        return visitor.visit(this);
    }
}
