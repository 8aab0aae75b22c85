package io.twobrains.processor.store;

import io.twobrains.processor.domain.Conversation;
import io.twobrains.processor.domain.Idempotency;
import io.twobrains.processor.domain.Message;
import io.twobrains.processor.domain.Slice;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueIterator;

/** Writes what changed between two slices of one user, and remembers handled commands. */
public class ChatWriter {

    private static final byte[] PRESENT = {1};

    private final WritableTables tables;

    public ChatWriter(WritableTables tables) {
        this.tables = tables;
    }

    public void save(String userId, Slice before, Slice after) {
        if (after.wiped() && !before.wiped()) {
            wipe(userId);
            before = Slice.empty();
        }
        Set<String> ids = new HashSet<>(before.conversations().keySet());
        ids.addAll(after.conversations().keySet());
        for (String id : ids) {
            Conversation old = before.conversations().get(id);
            Conversation now = after.conversations().get(id);
            if (now == null) {
                delete(userId, old);
            } else if (!now.equals(old)) {
                put(userId, old, now);
            }
        }
        for (Message message : after.appended()) {
            if (!before.appended().contains(message)) {
                tables.put(Table.MESSAGES, Keys.message(userId, message.conversationId(), message.position()),
                        StoredValues.write(message));
                tables.put(Table.MESSAGE_IDS, Keys.messageId(userId, message.conversationId(), message.id()),
                        ByteBuffer.allocate(Long.BYTES).putLong(message.position()).array());
            }
        }
        for (String key : after.superseded()) {
            if (!before.superseded().contains(key)) {
                removeMessage(userId, key);
            }
        }
        if (!after.user().equals(before.user()) || after.wiped()) {
            tables.put(Table.USERS, Keys.user(userId), StoredValues.write(after.user()));
        }
        if (!after.profile().equals(before.profile())) {
            tables.put(Table.PROFILES, Keys.user(userId), StoredValues.write(after.profile()));
        }
        saveGenerations(userId, before, after);
    }

    /** A superseded message leaves the conversation's pages; the log keeps it. */
    private void removeMessage(String userId, String messageKey) {
        int slash = messageKey.indexOf('/');
        String conversationId = messageKey.substring(0, slash);
        String messageId = messageKey.substring(slash + 1);
        Bytes idKey = Keys.messageId(userId, conversationId, messageId);
        byte[] position = tables.get(Table.MESSAGE_IDS, idKey);
        if (position != null) {
            tables.delete(Table.MESSAGES, Keys.message(userId, conversationId, ByteBuffer.wrap(position).getLong()));
            tables.delete(Table.MESSAGE_IDS, idKey);
        }
    }

    private void saveGenerations(String userId, Slice before, Slice after) {
        for (String id : before.generations().keySet()) {
            if (!after.generations().containsKey(id)) {
                tables.delete(Table.GENERATIONS, Keys.generation(userId, id));
            }
        }
        after.generations().forEach((id, generation) -> {
            if (!generation.equals(before.generations().get(id))) {
                tables.put(Table.GENERATIONS, Keys.generation(userId, id), StoredValues.write(generation));
            }
        });
    }

    /** Erasure: every key of the user, in every store. */
    private void wipe(String userId) {
        for (Table table : Table.USER_RANGED) {
            deletePrefix(table, Keys.userPrefix(userId));
        }
        tables.delete(Table.PROFILES, Keys.user(userId));
    }

    public void remember(String userId, UUID commandId, Idempotency.Outcome outcome, Instant recordedAt) {
        tables.put(Table.COMMANDS, Keys.command(userId, commandId), StoredValues.write(outcome));
        tables.put(Table.COMMAND_EXPIRY, Keys.expiry(recordedAt.toEpochMilli(), userId, commandId), PRESENT);
    }

    /** Forgets commands recorded before {@code cutoff}, at most {@code max} of them; returns how many. */
    public int forgetCommandsBefore(Instant cutoff, int max) {
        List<Bytes> expired = new ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> it = tables.range(Table.COMMAND_EXPIRY, Keys.expiryUpTo(0), Keys.expiryUpTo(cutoff.toEpochMilli()))) {
            while (it.hasNext() && expired.size() < max) {
                expired.add(it.next().key);
            }
        }
        for (Bytes key : expired) {
            tables.delete(Table.COMMANDS, Keys.commandOfExpiry(key));
            tables.delete(Table.COMMAND_EXPIRY, key);
        }
        return expired.size();
    }

    private void put(String userId, Conversation old, Conversation now) {
        if (old != null && !Objects.equals(old.updatedAt(), now.updatedAt())) {
            tables.delete(Table.CONVERSATIONS_BY_ACTIVITY, activityKey(userId, old));
        }
        tables.put(Table.CONVERSATIONS, Keys.conversation(userId, now.id()), StoredValues.write(now));
        tables.put(Table.CONVERSATIONS_BY_ACTIVITY, activityKey(userId, now), PRESENT);
    }

    /** A deleted conversation takes its messages and index entries with it. */
    private void delete(String userId, Conversation old) {
        tables.delete(Table.CONVERSATIONS, Keys.conversation(userId, old.id()));
        tables.delete(Table.CONVERSATIONS_BY_ACTIVITY, activityKey(userId, old));
        deletePrefix(Table.MESSAGES, Keys.messagePrefix(userId, old.id()));
        deletePrefix(Table.MESSAGE_IDS, Keys.messagePrefix(userId, old.id()));
    }

    private void deletePrefix(Table table, Bytes prefix) {
        List<Bytes> keys = new ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> it = tables.range(table, prefix, Keys.after(prefix))) {
            it.forEachRemaining(entry -> keys.add(entry.key));
        }
        keys.forEach(key -> tables.delete(table, key));
    }

    private static Bytes activityKey(String userId, Conversation conversation) {
        return Keys.activity(userId, conversation.updatedAt().toEpochMilli(), conversation.id());
    }
}
