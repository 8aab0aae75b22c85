package io.twobrains.contract.profile;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How an MCP server is reached: Streamable HTTP, or the older HTTP + SSE transport. */
public enum McpTransport {
    @JsonProperty("http") HTTP,
    @JsonProperty("sse") SSE
}
