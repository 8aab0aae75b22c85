package io.twobrains.processor.domain;

import static io.twobrains.contract.event.RejectionCode.ALREADY_EXISTS;
import static io.twobrains.contract.event.RejectionCode.INVALID;
import static io.twobrains.contract.event.RejectionCode.NOT_FOUND;

import io.twobrains.contract.ContentRules;
import io.twobrains.contract.Limits;
import io.twobrains.contract.command.AddMcpServer;
import io.twobrains.contract.command.ChangeMcpServer;
import io.twobrains.contract.command.ChangeSettings;
import io.twobrains.contract.command.RemoveApiKey;
import io.twobrains.contract.command.RemoveMcpServer;
import io.twobrains.contract.command.StoreApiKey;
import io.twobrains.contract.event.ApiKeyRemoved;
import io.twobrains.contract.event.ApiKeyStored;
import io.twobrains.contract.event.McpServerAdded;
import io.twobrains.contract.event.McpServerChanged;
import io.twobrains.contract.event.McpServerRemoved;
import io.twobrains.contract.event.SettingsChanged;
import io.twobrains.contract.model.ModelCatalog;
import io.twobrains.contract.profile.Provider;
import io.twobrains.contract.profile.SettingsPatch;
import java.util.Optional;

/** Decisions about a user's settings, keys and MCP servers. */
final class ProfileDecisions {

    private ProfileDecisions() {
    }

    static Decision changeSettings(ChangeSettings command, Slice state) {
        SettingsPatch patch = command.changes();
        if (patch == null || patch.isEmpty()) {
            return Decision.reject(INVALID, "no setting to change");
        }
        if (patch.selectedModel() != null && ModelCatalog.builtIn().find(patch.selectedModel()).isEmpty()) {
            return Decision.reject(INVALID, "unknown model " + patch.selectedModel());
        }
        if (patch.enabledMcpServers() != null) {
            for (String serverId : patch.enabledMcpServers()) {
                if (!state.profile().mcpServers().containsKey(serverId)) {
                    return Decision.reject(INVALID, "no MCP server " + serverId);
                }
            }
        }
        return Decision.accept(new SettingsChanged(patch));
    }

    static Decision storeKey(StoreApiKey command) {
        if (command.provider() == null || command.secret() == null || command.hint() == null
                || command.hint().length() > 4) {
            return Decision.reject(INVALID, "a key needs a provider, a sealed secret and a hint");
        }
        boolean compatible = command.provider() == Provider.OPENAI_COMPATIBLE;
        if (compatible != (command.baseUrl() != null)) {
            return Decision.reject(INVALID, compatible
                    ? "an openai-compatible key needs a baseUrl" : "only openai-compatible keys take a baseUrl");
        }
        if (compatible) {
            Optional<String> badUrl = ContentRules.httpUrl("baseUrl", command.baseUrl());
            if (badUrl.isPresent()) {
                return Decision.reject(INVALID, badUrl.get());
            }
        }
        return Decision.accept(new ApiKeyStored(command.provider(), command.secret(), command.hint(), command.baseUrl()));
    }

    static Decision removeKey(RemoveApiKey command, Slice state) {
        if (command.provider() == null || !state.profile().apiKeys().containsKey(command.provider())) {
            return Decision.reject(NOT_FOUND, "no key stored for " + (command.provider() == null ? "?" : command.provider().id()));
        }
        return Decision.accept(new ApiKeyRemoved(command.provider()));
    }

    static Decision addServer(AddMcpServer command, Slice state) {
        Optional<String> invalid = ContentRules.first(
                ContentRules.validId("server id", command.serverId()),
                ContentRules.nameFits("name", command.name()),
                ContentRules.httpUrl("url", command.url()),
                command.transport() == null ? Optional.of("transport is required") : Optional.empty(),
                headers(command.headerNames(), command.headers() != null));
        if (invalid.isPresent()) {
            return Decision.reject(INVALID, invalid.get());
        }
        if (state.profile().mcpServers().containsKey(command.serverId())) {
            return Decision.reject(ALREADY_EXISTS, "MCP server " + command.serverId() + " exists");
        }
        if (state.profile().mcpServers().size() >= Limits.MAX_MCP_SERVERS) {
            return Decision.reject(INVALID, "at most " + Limits.MAX_MCP_SERVERS + " MCP servers");
        }
        return Decision.accept(new McpServerAdded(command.serverId(), command.name(), command.url(), command.transport(),
                command.headers(), command.headerNames(), command.enabled()));
    }

    static Decision changeServer(ChangeMcpServer command, Slice state) {
        Profile.McpServer server = state.profile().mcpServers().get(command.serverId());
        if (server == null) {
            return Decision.reject(NOT_FOUND, "no MCP server " + command.serverId());
        }
        boolean newHeaders = command.headerNames() != null;
        Profile.McpServer next = new Profile.McpServer(server.id(),
                command.name() != null ? command.name() : server.name(),
                command.url() != null ? command.url() : server.url(),
                command.transport() != null ? command.transport() : server.transport(),
                newHeaders ? command.headers() : server.headers(),
                newHeaders ? command.headerNames() : server.headerNames(),
                command.enabled() != null ? command.enabled() : server.enabled());
        Optional<String> invalid = ContentRules.first(
                ContentRules.nameFits("name", next.name()),
                ContentRules.httpUrl("url", next.url()),
                headers(next.headerNames(), next.headers() != null));
        if (invalid.isPresent()) {
            return Decision.reject(INVALID, invalid.get());
        }
        return Decision.accept(new McpServerChanged(next.id(), next.name(), next.url(), next.transport(), next.headers(),
                next.headerNames(), next.enabled()));
    }

    static Decision removeServer(RemoveMcpServer command, Slice state) {
        if (!state.profile().mcpServers().containsKey(command.serverId())) {
            return Decision.reject(NOT_FOUND, "no MCP server " + command.serverId());
        }
        return Decision.accept(new McpServerRemoved(command.serverId()));
    }

    /** Header names come with sealed header values, or neither comes. */
    private static Optional<String> headers(java.util.List<String> names, boolean sealed) {
        if (names == null) {
            return Optional.of("headerNames is required (it may be empty)");
        }
        if (names.size() > Limits.MAX_MCP_HEADERS) {
            return Optional.of("at most " + Limits.MAX_MCP_HEADERS + " headers");
        }
        if (names.isEmpty() == sealed) {
            return Optional.of("sealed headers and header names go together");
        }
        return Optional.empty();
    }
}
