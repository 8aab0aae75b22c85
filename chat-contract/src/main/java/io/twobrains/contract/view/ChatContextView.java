package io.twobrains.contract.view;

import io.twobrains.contract.Nullable;
import io.twobrains.contract.event.TitleSource;
import io.twobrains.contract.profile.McpTransport;
import io.twobrains.contract.profile.ReasoningEffort;
import io.twobrains.contract.profile.SealedSecret;
import java.util.List;
import java.util.Map;

/**
 * What the command API needs to answer in a conversation, read from the per-user brain in one call:
 * internal only (it carries sealed secrets, which only the command API can open).
 *
 * @param seq          the user's seq the context was read at
 * @param conversation the conversation, if it exists
 * @param history      the newest messages that fit the asked budget, oldest first
 * @param running      generations running in the conversation
 */
public record ChatContextView(long seq, @Nullable Conversation conversation, String selectedModel,
        ReasoningEffort reasoningEffort, Map<String, Key> apiKeys, List<McpServer> mcpServers, List<MessageView> history,
        List<Running> running) {

    public ChatContextView {
        apiKeys = Map.copyOf(apiKeys);
        mcpServers = List.copyOf(mcpServers);
        history = List.copyOf(history);
        running = List.copyOf(running);
    }

    /** @param lastMessageId the newest message: the only reply that may be regenerated, when it is one */
    public record Conversation(String id, @Nullable String title, @Nullable TitleSource titleSource, long messageCount,
            @Nullable String lastMessageId) {
        @Override
        public String toString() {
            return "Conversation[id=" + id + ", title=" + io.twobrains.contract.content.Redacted.of(title) + ", titleSource="
                    + titleSource + ", messageCount=" + messageCount + ", lastMessageId=" + lastMessageId + "]";
        }
    }

    /** A generation running in the conversation, and when it started (its deltas begin then). */
    public record Running(String generationId, java.time.Instant startedAt) {
    }

    /** A user's own provider key, sealed. */
    public record Key(SealedSecret secret, @Nullable String baseUrl) {
    }

    /** An enabled MCP server, its headers sealed. */
    public record McpServer(String id, String name, String url, McpTransport transport, @Nullable SealedSecret headers) {
    }
}
