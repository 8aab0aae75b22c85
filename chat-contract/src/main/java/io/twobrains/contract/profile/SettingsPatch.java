package io.twobrains.contract.profile;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.twobrains.contract.Nullable;
import java.util.List;

/** Some settings to change; an absent field is left as it is. */
public record SettingsPatch(
        @JsonPropertyDescription("The model new chats use.") @Nullable String selectedModel,
        @JsonPropertyDescription("Reasoning effort for models that reason.") @Nullable ReasoningEffort reasoningEffort,
        @JsonPropertyDescription("Whether the web-search tool is offered.") @Nullable Boolean webSearchEnabled,
        @JsonPropertyDescription("The UI theme.") @Nullable Theme theme,
        @JsonPropertyDescription("The width of the chat column.") @Nullable ChatWidth chatWidth,
        @JsonPropertyDescription("Ids of the MCP servers offered to the model.") @Nullable List<String> enabledMcpServers) {

    public SettingsPatch {
        enabledMcpServers = enabledMcpServers == null ? null : List.copyOf(enabledMcpServers);
    }

    public boolean isEmpty() {
        return selectedModel == null && reasoningEffort == null && webSearchEnabled == null && theme == null
                && chatWidth == null && enabledMcpServers == null;
    }
}
