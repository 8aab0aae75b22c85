package io.twobrains.contract.profile;

import io.twobrains.contract.model.ModelCatalog;
import java.util.List;

/** A user's settings, every field set: the defaults with every {@link SettingsPatch} applied in order. */
public record UserSettings(String selectedModel, ReasoningEffort reasoningEffort, boolean webSearchEnabled, Theme theme,
        ChatWidth chatWidth, List<String> enabledMcpServers) {

    public UserSettings {
        enabledMcpServers = List.copyOf(enabledMcpServers);
    }

    public static UserSettings defaults() {
        return new UserSettings(ModelCatalog.builtIn().defaultModel(), ReasoningEffort.OFF, false, Theme.SYSTEM,
                ChatWidth.DEFAULT, List.of());
    }

    public UserSettings apply(SettingsPatch patch) {
        return new UserSettings(
                patch.selectedModel() != null ? patch.selectedModel() : selectedModel,
                patch.reasoningEffort() != null ? patch.reasoningEffort() : reasoningEffort,
                patch.webSearchEnabled() != null ? patch.webSearchEnabled() : webSearchEnabled,
                patch.theme() != null ? patch.theme() : theme,
                patch.chatWidth() != null ? patch.chatWidth() : chatWidth,
                patch.enabledMcpServers() != null ? patch.enabledMcpServers() : enabledMcpServers);
    }

    /** A removed server is no longer enabled. */
    public UserSettings withoutMcpServer(String serverId) {
        return new UserSettings(selectedModel, reasoningEffort, webSearchEnabled, theme, chatWidth,
                enabledMcpServers.stream().filter(id -> !id.equals(serverId)).toList());
    }
}
