package io.twobrains.contract.reply;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.twobrains.contract.event.RejectionCode;
import io.twobrains.contract.generation.LimitType;
import io.twobrains.contract.view.ConversationView;
import io.twobrains.contract.view.McpServerView;
import io.twobrains.contract.view.MessageView;
import io.twobrains.contract.view.SettingsView;
import java.time.Instant;
import java.util.UUID;

/**
 * The outcome of one command, on {@code chat.replies}: what the command API waits for before it
 * answers. It is written in the same transaction as the command's events, so a client is never told
 * of a write that could still be lost.
 *
 * @param seq    the user's seq after the command (the {@code X-Chat-Seq} of the answer)
 * @param limitType    for a quota rejection: which quota, and when it resets ({@code resetsAt})
 * @param conversation the conversation as the command left it, if the command was about one
 * @param message      the message the command appended, if it appended one
 * @param settings     the settings after a settings or key change
 * @param mcpServer    the MCP server after it was added or changed
 */
public record Reply(UUID commandId, String userId, long seq, Outcome outcome, RejectionCode code, String reason,
        LimitType limitType, Instant resetsAt, ConversationView conversation, MessageView message,
        SettingsView settings, McpServerView mcpServer) {

    public enum Outcome { ACCEPTED, REJECTED }

    public static Reply accepted(UUID commandId, String userId, long seq, ConversationView conversation,
            MessageView message, SettingsView settings, McpServerView mcpServer) {
        return new Reply(commandId, userId, seq, Outcome.ACCEPTED, null, null, null, null, conversation, message,
                settings, mcpServer);
    }

    public static Reply rejected(UUID commandId, String userId, long seq, RejectionCode code, String reason) {
        return rejected(commandId, userId, seq, code, reason, null, null);
    }

    public static Reply rejected(UUID commandId, String userId, long seq, RejectionCode code, String reason,
            LimitType limitType, Instant resetsAt) {
        return new Reply(commandId, userId, seq, Outcome.REJECTED, code, reason, limitType, resetsAt, null, null,
                null, null);
    }

    @JsonIgnore
    public boolean isAccepted() {
        return outcome == Outcome.ACCEPTED;
    }
}
