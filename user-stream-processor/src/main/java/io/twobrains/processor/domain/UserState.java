package io.twobrains.processor.domain;

/**
 * What the processor keeps per user: the last seq and counters.
 *
 * @param schemaVersion the shape this value was stored in; older values are upgraded when read
 */
public record UserState(long seq, long conversations, long messages, int schemaVersion) {

    public static final int CURRENT_SCHEMA = 1;

    public static UserState empty() {
        return new UserState(0, 0, 0, CURRENT_SCHEMA);
    }

    UserState advancedTo(long newSeq) {
        return new UserState(newSeq, conversations, messages, schemaVersion);
    }

    UserState withCounts(long newConversations, long newMessages) {
        return new UserState(seq, newConversations, newMessages, schemaVersion);
    }
}
