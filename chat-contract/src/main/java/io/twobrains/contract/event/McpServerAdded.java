package io.twobrains.contract.event;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.twobrains.contract.Nullable;
import io.twobrains.contract.ProfileScoped;
import io.twobrains.contract.profile.McpTransport;
import io.twobrains.contract.profile.SealedSecret;
import java.util.List;

@JsonClassDescription("An MCP server was added. Its headers are sealed.")
@SchemaVersion(1)
public record McpServerAdded(
        @JsonPropertyDescription("The server.") String serverId,
        @JsonPropertyDescription("Its display name.") String name,
        @JsonPropertyDescription("Its http(s) endpoint.") String url,
        @JsonPropertyDescription("http (Streamable HTTP) or sse.") McpTransport transport,
        @JsonPropertyDescription("Its headers (a JSON object), sealed for this user.") @Nullable SealedSecret headers,
        @JsonPropertyDescription("The names of its headers, for display.") List<String> headerNames,
        @JsonPropertyDescription("Whether it is offered to the model.") boolean enabled)
        implements Event, ProfileScoped {

    public McpServerAdded {
        headerNames = List.copyOf(headerNames);
    }

    @Override
    public <R> R accept(Event.Visitor<R> visitor) {
        return visitor.visit(this);
    }
}
