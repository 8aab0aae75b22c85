package io.twobrains.contract.reply;

import io.twobrains.contract.event.RejectionCode;
import io.twobrains.contract.view.ConversationView;
import io.twobrains.contract.view.MessageView;
import java.util.UUID;

/**
 * The outcome of one command, on {@code chat.replies}: what the command API waits for before it
 * answers. It is written in the same transaction as the command's events, so a client is never told
 * of a write that could still be lost.
 *
 * @param seq    the user's seq after the command (the {@code X-Chat-Seq} of the answer)
 * @param conversation the conversation as the command left it, if the command was about one
 * @param message      the message the command appended, if it appended one
 */
public record Reply(UUID commandId, String userId, long seq, Outcome outcome, RejectionCode code, String reason,
        ConversationView conversation, MessageView message) {

    public enum Outcome { ACCEPTED, REJECTED }

    public static Reply accepted(UUID commandId, String userId, long seq, ConversationView conversation,
            MessageView message) {
        return new Reply(commandId, userId, seq, Outcome.ACCEPTED, null, null, conversation, message);
    }

    public static Reply rejected(UUID commandId, String userId, long seq, RejectionCode code, String reason) {
        return new Reply(commandId, userId, seq, Outcome.REJECTED, code, reason, null, null);
    }

    public boolean isAccepted() {
        return outcome == Outcome.ACCEPTED;
    }
}
