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
import java.util.function.Function;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/** Writes what changed between two slices of one user, and remembers handled commands. */
public class ChatWriter {

    private static final byte[] PRESENT = {1};

    private final Function<String, KeyValueStore<Bytes, byte[]>> stores;

    public ChatWriter(Function<String, KeyValueStore<Bytes, byte[]>> stores) {
        this.stores = stores;
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
                store(StoreNames.MESSAGES).put(Keys.message(userId, message.conversationId(), message.position()),
                        StoredValues.write(message));
                store(StoreNames.MESSAGE_IDS).put(Keys.messageId(userId, message.conversationId(), message.id()),
                        ByteBuffer.allocate(Long.BYTES).putLong(message.position()).array());
            }
        }
        for (String key : after.superseded()) {
            if (!before.superseded().contains(key)) {
                removeMessage(userId, key);
            }
        }
        if (!after.user().equals(before.user()) || after.wiped()) {
            store(StoreNames.USERS).put(Keys.user(userId), StoredValues.write(after.user()));
        }
        if (!after.profile().equals(before.profile())) {
            store(StoreNames.PROFILES).put(Keys.user(userId), StoredValues.write(after.profile()));
        }
        saveGenerations(userId, before, after);
    }

    /** A superseded message leaves the conversation's pages; the log keeps it. */
    private void removeMessage(String userId, String messageKey) {
        int slash = messageKey.indexOf('/');
        String conversationId = messageKey.substring(0, slash);
        String messageId = messageKey.substring(slash + 1);
        Bytes idKey = Keys.messageId(userId, conversationId, messageId);
        byte[] position = store(StoreNames.MESSAGE_IDS).get(idKey);
        if (position != null) {
            store(StoreNames.MESSAGES).delete(Keys.message(userId, conversationId, ByteBuffer.wrap(position).getLong()));
            store(StoreNames.MESSAGE_IDS).delete(idKey);
        }
    }

    private void saveGenerations(String userId, Slice before, Slice after) {
        for (String id : before.generations().keySet()) {
            if (!after.generations().containsKey(id)) {
                store(StoreNames.GENERATIONS).delete(Keys.generation(userId, id));
            }
        }
        after.generations().forEach((id, generation) -> {
            if (!generation.equals(before.generations().get(id))) {
                store(StoreNames.GENERATIONS).put(Keys.generation(userId, id), StoredValues.write(generation));
            }
        });
    }

    /** Erasure: every key of the user, in every store. */
    private void wipe(String userId) {
        for (String storeName : StoreNames.USER_RANGED) {
            deletePrefix(storeName, Keys.userPrefix(userId));
        }
        store(StoreNames.PROFILES).delete(Keys.user(userId));
    }

    public void remember(String userId, UUID commandId, Idempotency.Outcome outcome, Instant recordedAt) {
        store(StoreNames.COMMANDS).put(Keys.command(userId, commandId), StoredValues.write(outcome));
        store(StoreNames.COMMAND_EXPIRY).put(Keys.expiry(recordedAt.toEpochMilli(), userId, commandId), PRESENT);
    }

    /** Forgets commands recorded before {@code cutoff}, at most {@code max} of them; returns how many. */
    public int forgetCommandsBefore(Instant cutoff, int max) {
        List<Bytes> expired = new ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> it = store(StoreNames.COMMAND_EXPIRY)
                .range(Keys.expiryUpTo(0), Keys.expiryUpTo(cutoff.toEpochMilli()))) {
            while (it.hasNext() && expired.size() < max) {
                expired.add(it.next().key);
            }
        }
        for (Bytes key : expired) {
            store(StoreNames.COMMANDS).delete(Keys.commandOfExpiry(key));
            store(StoreNames.COMMAND_EXPIRY).delete(key);
        }
        return expired.size();
    }

    private void put(String userId, Conversation old, Conversation now) {
        if (old != null && !Objects.equals(old.updatedAt(), now.updatedAt())) {
            store(StoreNames.CONVERSATIONS_BY_ACTIVITY).delete(activityKey(userId, old));
        }
        store(StoreNames.CONVERSATIONS).put(Keys.conversation(userId, now.id()), StoredValues.write(now));
        store(StoreNames.CONVERSATIONS_BY_ACTIVITY).put(activityKey(userId, now), PRESENT);
    }

    /** A deleted conversation takes its messages and index entries with it. */
    private void delete(String userId, Conversation old) {
        store(StoreNames.CONVERSATIONS).delete(Keys.conversation(userId, old.id()));
        store(StoreNames.CONVERSATIONS_BY_ACTIVITY).delete(activityKey(userId, old));
        deletePrefix(StoreNames.MESSAGES, Keys.messagePrefix(userId, old.id()));
        deletePrefix(StoreNames.MESSAGE_IDS, Keys.messagePrefix(userId, old.id()));
    }

    private void deletePrefix(String storeName, Bytes prefix) {
        KeyValueStore<Bytes, byte[]> store = store(storeName);
        List<Bytes> keys = new ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> it = store.range(prefix, Keys.after(prefix))) {
            it.forEachRemaining(entry -> keys.add(entry.key));
        }
        keys.forEach(store::delete);
    }

    private static Bytes activityKey(String userId, Conversation conversation) {
        return Keys.activity(userId, conversation.updatedAt().toEpochMilli(), conversation.id());
    }

    private KeyValueStore<Bytes, byte[]> store(String name) {
        return stores.apply(name);
    }
}
