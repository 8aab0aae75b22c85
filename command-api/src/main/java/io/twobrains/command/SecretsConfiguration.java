package io.twobrains.command;

import io.twobrains.command.mcp.McpProperties;
import io.twobrains.command.mcp.McpUrlPolicy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The policy for MCP server URLs (the keys that seal users' secrets are the crypto module's). */
@Configuration(proxyBeanMethods = false)
class SecretsConfiguration {

    @Bean
    McpUrlPolicy mcpUrlPolicy(McpProperties properties) {
        return new McpUrlPolicy(properties);
    }
}
