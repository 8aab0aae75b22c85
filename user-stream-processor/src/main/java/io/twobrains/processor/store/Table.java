package io.twobrains.processor.store;

import java.util.List;

/**
 * The tables of the processor's state, all in its one store ({@link Tables#STORE}): each key starts
 * with its table's tag byte. Tags are part of the stored layout: never renumber one.
 */
public enum Table {

    /** {@code userId} → the user's head: seq, counters, quota, running generations, hot conversations. */
    HEADS(1),
    /** {@code userId|conversationId} → a cold conversation (one not in the head). */
    CONVERSATIONS(2),
    /** {@code userId|inverted updatedAt|conversationId} → nothing: cold conversations, most recently updated first. */
    ACTIVITY(3),
    /** {@code userId|conversationId|position (8 bytes, big-endian)} → message. */
    MESSAGES(4),
    /** {@code userId|conversationId|messageId} → position, for ids a client chose (minted ones are unique anyway). */
    MESSAGE_IDS(5),
    /** {@code userId|commandId} → when, fingerprint and reply of a command sent with an idempotency key. */
    OUTCOMES(6),
    /** {@code userId} → settings, sealed keys and MCP servers. */
    PROFILES(8),
    /**
     * {@code userId|generationId} → the node process that runs it: every running generation with a runner
     * of the partition, a short table the lease check reads whole.
     */
    RUNNING(9);

    /** The tables whose keys are {@code userId|...}: an erased user's range is deleted in each. */
    public static final List<Table> USER_RANGED = List.of(CONVERSATIONS, ACTIVITY, MESSAGES, MESSAGE_IDS, OUTCOMES,
            RUNNING);

    final byte tag;

    Table(int tag) {
        this.tag = (byte) tag;
    }
}
