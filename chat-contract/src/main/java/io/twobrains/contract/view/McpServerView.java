package io.twobrains.contract.view;

import io.twobrains.contract.profile.McpTransport;
import java.util.Map;

/** An MCP server as anyone may see it: header values are masked. */
public record McpServerView(String id, String name, String url, McpTransport transport, Map<String, String> headers,
        boolean enabled) {

    public static final String MASK = "••••••";

    public McpServerView {
        headers = Map.copyOf(headers);
    }
}
