package io.twobrains.processor.domain;

import io.twobrains.contract.model.ModelCatalog;
import io.twobrains.contract.profile.ChatWidth;
import io.twobrains.contract.profile.ReasoningEffort;
import io.twobrains.contract.profile.SettingsPatch;
import io.twobrains.contract.profile.Theme;
import java.util.List;

/** A user's settings, every field set. */
public record Settings(String selectedModel, ReasoningEffort reasoningEffort, boolean webSearchEnabled, Theme theme,
        ChatWidth chatWidth, List<String> enabledMcpServers) {

    public Settings {
        enabledMcpServers = List.copyOf(enabledMcpServers);
    }

    public static Settings defaults() {
        return new Settings(ModelCatalog.builtIn().defaultModel(), ReasoningEffort.OFF, false, Theme.SYSTEM,
                ChatWidth.DEFAULT, List.of());
    }

    Settings apply(SettingsPatch patch) {
        return new Settings(
                patch.selectedModel() != null ? patch.selectedModel() : selectedModel,
                patch.reasoningEffort() != null ? patch.reasoningEffort() : reasoningEffort,
                patch.webSearchEnabled() != null ? patch.webSearchEnabled() : webSearchEnabled,
                patch.theme() != null ? patch.theme() : theme,
                patch.chatWidth() != null ? patch.chatWidth() : chatWidth,
                patch.enabledMcpServers() != null ? patch.enabledMcpServers() : enabledMcpServers);
    }

    Settings withoutMcpServer(String serverId) {
        return new Settings(selectedModel, reasoningEffort, webSearchEnabled, theme, chatWidth,
                enabledMcpServers.stream().filter(id -> !id.equals(serverId)).toList());
    }
}
