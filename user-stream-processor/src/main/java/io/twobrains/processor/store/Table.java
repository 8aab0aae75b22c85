package io.twobrains.processor.store;

import java.util.List;

/**
 * The tables of the processor's state, all in its one store ({@link Tables#STORE}): each key starts
 * with its table's tag byte. Tags are part of the stored layout: never renumber one.
 */
public enum Table {

    /** {@code userId} → seq and counters. */
    USERS(1),
    /** {@code userId|conversationId} → conversation. */
    CONVERSATIONS(2),
    /** {@code userId|inverted updatedAt|conversationId} → nothing: conversations, most recently updated first. */
    CONVERSATIONS_BY_ACTIVITY(3),
    /** {@code userId|conversationId|position (8 bytes, big-endian)} → message. */
    MESSAGES(4),
    /** {@code userId|conversationId|messageId} → position. */
    MESSAGE_IDS(5),
    /** {@code userId|commandId} → fingerprint and reply, for idempotent retries. */
    COMMANDS(6),
    /** {@code recordedAt|userId|commandId} → nothing: the order in which handled commands expire. */
    COMMAND_EXPIRY(7),
    /** {@code userId} → settings, sealed keys and MCP servers. */
    PROFILES(8),
    /** {@code userId|generationId} → a running generation. */
    GENERATIONS(9);

    /** The tables whose keys are {@code userId|...}: an erased user's range is deleted in each. */
    public static final List<Table> USER_RANGED = List.of(
            CONVERSATIONS, CONVERSATIONS_BY_ACTIVITY, MESSAGES, MESSAGE_IDS, COMMANDS, GENERATIONS);

    final byte tag;

    Table(int tag) {
        this.tag = (byte) tag;
    }
}
