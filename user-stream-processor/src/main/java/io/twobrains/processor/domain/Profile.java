package io.twobrains.processor.domain;

import io.twobrains.contract.profile.UserSettings;
import io.twobrains.contract.profile.McpTransport;
import io.twobrains.contract.profile.Provider;
import io.twobrains.contract.profile.SealedSecret;
import io.twobrains.contract.view.ApiKeyView;
import io.twobrains.contract.view.McpServerView;
import io.twobrains.contract.view.SettingsView;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a user configured: settings, their own provider keys (sealed), and MCP servers (headers sealed).
 * The processor never sees a secret in the clear.
 */
public record Profile(UserSettings settings, Map<Provider, StoredKey> apiKeys, Map<String, McpServer> mcpServers) {

    /** A stored key: sealed, with the hint that may be shown. */
    public record StoredKey(SealedSecret secret, String hint, String baseUrl, Instant updatedAt) {
    }

    public record McpServer(String id, String name, String url, McpTransport transport, SealedSecret headers,
            List<String> headerNames, boolean enabled) {

        public McpServer {
            headerNames = List.copyOf(headerNames);
        }

        public McpServerView view() {
            Map<String, String> masked = new TreeMap<>();
            headerNames.forEach(name -> masked.put(name, McpServerView.MASK));
            return new McpServerView(id, name, url, transport, masked, enabled);
        }
    }

    public Profile {
        apiKeys = Map.copyOf(apiKeys);
        mcpServers = Map.copyOf(mcpServers);
    }

    public static Profile empty() {
        return new Profile(UserSettings.defaults(), Map.of(), Map.of());
    }

    public boolean hasKeyFor(String providerId) {
        return Provider.byId(providerId).map(apiKeys::containsKey).orElse(false);
    }

    public SettingsView view() {
        Map<String, ApiKeyView> keys = new TreeMap<>();
        apiKeys.forEach((provider, key) -> keys.put(provider.id(), new ApiKeyView(key.hint(), key.updatedAt(), key.baseUrl())));
        return new SettingsView(settings.selectedModel(), settings.reasoningEffort(), settings.webSearchEnabled(),
                settings.theme(), settings.chatWidth(), settings.enabledMcpServers(), keys);
    }

    Profile withSettings(UserSettings next) {
        return new Profile(next, apiKeys, mcpServers);
    }

    Profile withKey(Provider provider, StoredKey key) {
        Map<Provider, StoredKey> next = new LinkedHashMap<>(apiKeys);
        next.put(provider, key);
        return new Profile(settings, next, mcpServers);
    }

    /** The same key sealed anew: its hint, endpoint and time of storing stay, since the user changed nothing. */
    Profile withResealedKey(Provider provider, SealedSecret secret) {
        StoredKey key = apiKeys.get(provider);
        return key == null ? this
                : withKey(provider, new StoredKey(secret, key.hint(), key.baseUrl(), key.updatedAt()));
    }

    Profile withoutKey(Provider provider) {
        Map<Provider, StoredKey> next = new LinkedHashMap<>(apiKeys);
        next.remove(provider);
        return new Profile(settings, next, mcpServers);
    }

    Profile withServer(McpServer server) {
        Map<String, McpServer> next = new LinkedHashMap<>(mcpServers);
        next.put(server.id(), server);
        return new Profile(settings, apiKeys, next);
    }

    /** The same headers sealed anew; the rest of the server stays. */
    Profile withResealedHeaders(String serverId, SealedSecret headers) {
        McpServer server = mcpServers.get(serverId);
        return server == null ? this : withServer(new McpServer(server.id(), server.name(), server.url(),
                server.transport(), headers, server.headerNames(), server.enabled()));
    }

    Profile withoutServer(String serverId) {
        Map<String, McpServer> next = new LinkedHashMap<>(mcpServers);
        next.remove(serverId);
        return new Profile(settings.withoutMcpServer(serverId), apiKeys, next);
    }
}
