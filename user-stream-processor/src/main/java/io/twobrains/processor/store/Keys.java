package io.twobrains.processor.store;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.UUID;
import org.apache.kafka.common.utils.Bytes;

/**
 * Store keys as bytes. Parts are joined by a 0x00 byte, which neither user ids (no control characters)
 * nor ids ({@code [A-Za-z0-9_-]}) contain, so one user's keys - and one conversation's - form one
 * contiguous range in RocksDB's byte order. Numbers are 8 bytes big-endian, so they sort as numbers.
 */
public final class Keys {

    private static final byte SEPARATOR = 0;

    private Keys() {
    }

    public static Bytes user(String userId) {
        return new Builder().text(userId).build();
    }

    public static Bytes conversation(String userId, String conversationId) {
        return new Builder().text(userId).separator().text(conversationId).build();
    }

    /** Every activity-index key of a user starts with this. */
    public static Bytes activityPrefix(String userId) {
        return new Builder().text(userId).separator().build();
    }

    public static Bytes activity(String userId, long updatedAtMillis, String conversationId) {
        return new Builder().text(userId).separator().number(Long.MAX_VALUE - updatedAtMillis)
                .text(conversationId).build();
    }

    /** The part of an activity key after the user prefix: what a conversation-list cursor holds. */
    public static byte[] activitySuffix(Bytes activityKey, String userId) {
        int prefix = activityPrefix(userId).get().length;
        return Arrays.copyOfRange(activityKey.get(), prefix, activityKey.get().length);
    }

    public static String activityConversationId(Bytes activityKey, String userId) {
        int start = activityPrefix(userId).get().length + Long.BYTES;
        byte[] key = activityKey.get();
        return new String(key, start, key.length - start, StandardCharsets.UTF_8);
    }

    /** Every message key (and message-id key) of one conversation starts with this. */
    public static Bytes messagePrefix(String userId, String conversationId) {
        return new Builder().text(userId).separator().text(conversationId).separator().build();
    }

    public static Bytes message(String userId, String conversationId, long position) {
        return new Builder().text(userId).separator().text(conversationId).separator().number(position).build();
    }

    public static Bytes messageId(String userId, String conversationId, String messageId) {
        return new Builder().text(userId).separator().text(conversationId).separator().text(messageId).build();
    }

    /** Every {@code userId|...} key of a user starts with this. */
    public static Bytes userPrefix(String userId) {
        return new Builder().text(userId).separator().build();
    }

    public static Bytes running(String userId, String generationId) {
        return new Builder().text(userId).separator().text(generationId).build();
    }

    /** The user and the generation of a {@link #running} key. */
    public static String[] userAndGeneration(Bytes runningKey) {
        byte[] key = runningKey.get();
        int separator = 0;
        while (key[separator] != SEPARATOR) {
            separator++;
        }
        return new String[] {new String(key, 0, separator, StandardCharsets.UTF_8),
                new String(key, separator + 1, key.length - separator - 1, StandardCharsets.UTF_8)};
    }

    public static Bytes command(String userId, UUID commandId) {
        return new Builder().text(userId).separator().uuid(commandId).build();
    }

    /** The part of an activity key after the user prefix, for a conversation in the head. */
    public static byte[] activitySuffix(long updatedAtMillis, String conversationId) {
        return new Builder().number(Long.MAX_VALUE - updatedAtMillis).text(conversationId).build().get();
    }

    /** The smallest key greater than every key that starts with {@code prefix}. */
    public static Bytes after(Bytes prefix) {
        byte[] bytes = prefix.get().clone();
        for (int i = bytes.length - 1; i >= 0; i--) {
            if (bytes[i] != (byte) 0xFF) {
                bytes[i]++;
                return Bytes.wrap(Arrays.copyOf(bytes, i + 1));
            }
        }
        throw new IllegalArgumentException("prefix has no successor");
    }

    public static Bytes concat(Bytes prefix, byte[] suffix) {
        byte[] key = Arrays.copyOf(prefix.get(), prefix.get().length + suffix.length);
        System.arraycopy(suffix, 0, key, prefix.get().length, suffix.length);
        return Bytes.wrap(key);
    }

    public static long position(Bytes messageKey) {
        byte[] key = messageKey.get();
        return ByteBuffer.wrap(key, key.length - Long.BYTES, Long.BYTES).getLong();
    }

    private static final class Builder {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream(64);

        Builder text(String value) {
            out.writeBytes(value.getBytes(StandardCharsets.UTF_8));
            return this;
        }

        Builder separator() {
            out.write(SEPARATOR);
            return this;
        }

        Builder number(long value) {
            out.writeBytes(ByteBuffer.allocate(Long.BYTES).putLong(value).array());
            return this;
        }

        Builder uuid(UUID value) {
            out.writeBytes(ByteBuffer.allocate(16).putLong(value.getMostSignificantBits())
                    .putLong(value.getLeastSignificantBits()).array());
            return this;
        }

        Bytes build() {
            return Bytes.wrap(out.toByteArray());
        }
    }
}
