package io.twobrains.command;

import io.twobrains.command.crypto.SecretSealer;
import io.twobrains.command.crypto.SecretsProperties;
import io.twobrains.command.mcp.McpProperties;
import io.twobrains.command.mcp.McpUrlPolicy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Sealing of users' secrets, and the policy for MCP server URLs. */
@Configuration(proxyBeanMethods = false)
class SecretsConfiguration {

    @Bean
    SecretSealer secretSealer(SecretsProperties properties) {
        return new SecretSealer(properties);
    }

    @Bean
    McpUrlPolicy mcpUrlPolicy(McpProperties properties) {
        return new McpUrlPolicy(properties);
    }
}
