package io.twobrains.command.mcp;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where users' MCP servers may point.
 *
 * @param allowedPrivateHosts host names or addresses that may resolve to loopback, private or
 *                            link-local addresses (by default none: such servers are refused)
 */
@ConfigurationProperties("twobrains.mcp")
public record McpProperties(List<String> allowedPrivateHosts) {

    public McpProperties {
        allowedPrivateHosts = allowedPrivateHosts == null ? List.of() : List.copyOf(allowedPrivateHosts);
    }
}
