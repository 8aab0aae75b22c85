package io.twobrains.processor.store;

import java.util.List;

/** The processor's state stores, named after what they hold. Keys start with the user id. */
public final class StoreNames {

    /** {@code userId} → seq and counters. */
    public static final String USERS = "users";
    /** {@code userId|conversationId} → conversation. */
    public static final String CONVERSATIONS = "conversations";
    /** {@code userId|inverted updatedAt|conversationId} → nothing: conversations, most recently updated first. */
    public static final String CONVERSATIONS_BY_ACTIVITY = "conversations-by-activity";
    /** {@code userId|conversationId|position (8 bytes, big-endian)} → message. */
    public static final String MESSAGES = "messages";
    /** {@code userId|conversationId|messageId} → position. */
    public static final String MESSAGE_IDS = "message-ids";
    /** {@code userId|commandId} → fingerprint and reply, for idempotent retries. */
    public static final String COMMANDS = "commands";
    /** {@code recordedAt|userId|commandId} → nothing: the order in which handled commands expire. */
    public static final String COMMAND_EXPIRY = "command-expiry";
    /** {@code userId} → settings, sealed keys and MCP servers. */
    public static final String PROFILES = "profiles";
    /** {@code userId|generationId} → a running generation. */
    public static final String GENERATIONS = "generations";

    public static final List<String> ALL = List.of(
            USERS, CONVERSATIONS, CONVERSATIONS_BY_ACTIVITY, MESSAGES, MESSAGE_IDS, COMMANDS, COMMAND_EXPIRY,
            PROFILES, GENERATIONS);

    /** The stores whose keys are {@code userId|...}: an erased user's range is deleted in each. */
    public static final List<String> USER_RANGED = List.of(
            CONVERSATIONS, CONVERSATIONS_BY_ACTIVITY, MESSAGES, MESSAGE_IDS, COMMANDS, GENERATIONS);

    private StoreNames() {
    }
}
