package io.twobrains.contract;

import java.util.regex.Pattern;

/** Input limits shared by the APIs (which answer 4xx) and the processor (which rejects). */
public final class Limits {

    public static final int MAX_TITLE_LENGTH = 80;
    public static final int MAX_TEXT_LENGTH = 32_000;
    public static final int MAX_PARTS = 100;
    /** A reply travels as one Kafka record (1 MiB by default); UTF-8 takes up to 3 bytes a character here. */
    public static final int MAX_REPLY_CHARS = 250_000;
    public static final int MAX_REPLY_PARTS = 1_000;
    public static final int MAX_BODY_BYTES = 256 * 1024;
    public static final int MAX_CHAT_BODY_BYTES = 16 * 1024 * 1024;
    public static final int MAX_USER_ID_LENGTH = 255;
    public static final int MAX_IDEMPOTENCY_KEY_LENGTH = 255;
    public static final int MAX_NAME_LENGTH = 80;
    public static final int MAX_URL_LENGTH = 2048;
    public static final int MAX_API_KEY_LENGTH = 512;
    public static final int MAX_MCP_SERVERS = 20;
    public static final int MAX_MCP_HEADERS = 20;
    public static final String ID_REGEX = "[A-Za-z0-9_-]{1,64}";
    public static final Pattern ID = Pattern.compile(ID_REGEX);

    private Limits() {
    }

    public static boolean isValidId(String id) {
        return id != null && ID.matcher(id).matches();
    }

    /** A JWT subject usable as a user id: non-blank, bounded, and free of control characters. */
    public static boolean isValidUserId(String userId) {
        if (userId == null || userId.isBlank() || userId.length() > MAX_USER_ID_LENGTH) {
            return false;
        }
        return userId.chars().noneMatch(Character::isISOControl);
    }
}
