package io.twobrains.contract.view;

import io.twobrains.contract.profile.ChatWidth;
import io.twobrains.contract.profile.ReasoningEffort;
import io.twobrains.contract.profile.Theme;
import java.util.List;
import java.util.Map;

/** {@code GET /api/settings}: the settings, and a hint of each stored key by provider id. */
public record SettingsView(String selectedModel, ReasoningEffort reasoningEffort, boolean webSearchEnabled, Theme theme,
        ChatWidth chatWidth, List<String> enabledMcpServers, Map<String, ApiKeyView> apiKeys) {

    public SettingsView {
        enabledMcpServers = List.copyOf(enabledMcpServers);
        apiKeys = Map.copyOf(apiKeys);
    }
}
