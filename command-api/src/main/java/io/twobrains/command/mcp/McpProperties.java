package io.twobrains.command.mcp;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where URLs users give (MCP servers, OpenAI-compatible endpoints) may point.
 *
 * @param allowedPrivateHosts host names or addresses that may resolve to loopback, private or other
 *                            refused addresses (by default none: such URLs are refused)
 */
@ConfigurationProperties("twobrains.mcp")
public record McpProperties(List<String> allowedPrivateHosts) {

    public McpProperties {
        allowedPrivateHosts = allowedPrivateHosts == null ? List.of() : List.copyOf(allowedPrivateHosts);
    }
}
