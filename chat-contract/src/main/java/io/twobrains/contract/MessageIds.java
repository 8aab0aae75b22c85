package io.twobrains.contract;

import java.util.Optional;

/**
 * Message ids the server makes up carry a prefix that a client may not use for a new message. Such
 * an id is unique by construction (random, or derived from a unique command or generation), so the
 * processor never has to look it up to know it is free: only ids a client chose are indexed.
 */
public final class MessageIds {

    public static final String MINTED_PREFIX = "tb-";

    private MessageIds() {
    }

    /** A server-made id from a unique suffix (a random id, or one derived from a unique id). */
    public static String minted(String uniqueSuffix) {
        return MINTED_PREFIX + uniqueSuffix;
    }

    public static boolean isMinted(String messageId) {
        return messageId != null && messageId.startsWith(MINTED_PREFIX);
    }

    /** The violation, if a client's id for a new message is not one it may choose. */
    public static Optional<String> clientChosen(String what, String messageId) {
        Optional<String> invalid = ContentRules.validId(what, messageId);
        if (invalid.isPresent()) {
            return invalid;
        }
        return isMinted(messageId)
                ? Optional.of(what + " must not start with '" + MINTED_PREFIX + "' (ids of that form are made by the server)")
                : Optional.empty();
    }
}
