package io.twobrains.processor.store;

import io.twobrains.contract.MessageIds;
import io.twobrains.processor.domain.Conversation;
import io.twobrains.processor.domain.Idempotency;
import io.twobrains.processor.domain.Message;
import io.twobrains.processor.domain.Profile;
import io.twobrains.processor.domain.Slice;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;

/**
 * Writes what changed between two slices of one user, and remembers commands sent with an
 * idempotency key. An append to a hot conversation writes two records: the user's head and the
 * message (three when the client chose the message's id, which is then indexed).
 */
public class ChatWriter {

    private static final byte[] PRESENT = {1};

    private final WritableTables tables;
    /** Where the next sweep of old outcomes starts; null: at the start of the table. */
    private Bytes sweepFrom;

    public ChatWriter(WritableTables tables) {
        this.tables = tables;
    }

    /** Stores {@code after}, the state after what was decided on {@code loaded}. */
    public void save(String userId, ChatReader.Loaded loaded, Slice after) {
        save(userId, loaded.head(), loaded.slice(), after);
    }

    private void save(String userId, UserHead head, Slice before, Slice after) {
        boolean wiped = after.wiped() && !before.wiped();
        if (wiped) {
            wipe(userId);
        }
        Map<String, Conversation> hot = new LinkedHashMap<>();
        if (!wiped) {
            head.hot().forEach(c -> hot.put(c.id(), c));
        }
        Set<String> ids = new HashSet<>(before.conversations().keySet());
        ids.addAll(after.conversations().keySet());
        for (String id : ids) {
            Conversation old = before.conversations().get(id);
            Conversation now = after.conversations().get(id);
            boolean wasCold = old != null && !hot.containsKey(id);
            if (now == null && old != null && !wiped) {
                if (hot.remove(id) == null) {
                    deleteCold(userId, old);
                }
                deletePrefix(Table.MESSAGES, Keys.messagePrefix(userId, id));
                deletePrefix(Table.MESSAGE_IDS, Keys.messagePrefix(userId, id));
            } else if (now != null && !now.equals(old)) {
                if (wasCold && !wiped) {
                    deleteCold(userId, old);
                }
                hot.put(id, now);
            }
        }
        for (Message message : after.appended()) {
            if (!before.appended().contains(message)) {
                tables.put(Table.MESSAGES, Keys.message(userId, message.conversationId(), message.position()),
                        StoredValues.message(message));
                if (!MessageIds.isMinted(message.id())) {
                    tables.put(Table.MESSAGE_IDS, Keys.messageId(userId, message.conversationId(), message.id()),
                            ByteBuffer.allocate(Long.BYTES).putLong(message.position()).array());
                }
            }
        }
        for (Slice.Superseded gone : after.superseded()) {
            if (!before.superseded().contains(gone)) {
                removeMessage(userId, gone);
            }
        }
        saveRunning(userId, wiped ? Map.of() : before.generations(), after.generations());
        List<Conversation> evicted = new ArrayList<>();
        UserHead next = new UserHead(after.user(), UserHead.hotSet(new ArrayList<>(hot.values()), evicted),
                after.generations());
        evicted.forEach(c -> putCold(userId, c));
        if (wiped || !next.equals(head)) {
            tables.put(Table.HEADS, Keys.user(userId), StoredValues.head(next));
        }
        if (!after.profile().equals(before.profile()) && !(wiped && after.profile().equals(Profile.empty()))) {
            tables.put(Table.PROFILES, Keys.user(userId), StoredValues.profile(after.profile()));
        }
    }

    /** The runners of the user's running generations, for the lease check. */
    private void saveRunning(String userId, Map<String, io.twobrains.processor.domain.Generation> before,
            Map<String, io.twobrains.processor.domain.Generation> after) {
        before.forEach((id, generation) -> {
            if (generation.runner() != null && !after.containsKey(id)) {
                tables.delete(Table.RUNNING, Keys.running(userId, id));
            }
        });
        after.forEach((id, generation) -> {
            if (generation.runner() != null && !before.containsKey(id)) {
                tables.put(Table.RUNNING, Keys.running(userId, id),
                        generation.runner().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
        });
    }

    /**
     * A superseded message leaves the conversation's pages (the log keeps it). It is found at the
     * position its regeneration recorded; a message from before positions were recorded is found by
     * its id, in the index or, for a minted id, by a scan of the conversation.
     */
    private void removeMessage(String userId, Slice.Superseded gone) {
        Long position = null;
        if (gone.position() > 0) {
            byte[] stored = tables.get(Table.MESSAGES, Keys.message(userId, gone.conversationId(), gone.position()));
            if (stored != null && StoredValues.messageView(stored).id().equals(gone.messageId())) {
                position = gone.position();
            }
        }
        Bytes idKey = Keys.messageId(userId, gone.conversationId(), gone.messageId());
        if (position == null && !MessageIds.isMinted(gone.messageId())) {
            byte[] indexed = tables.get(Table.MESSAGE_IDS, idKey);
            position = indexed == null ? null : ByteBuffer.wrap(indexed).getLong();
        }
        if (position == null) {
            position = scanFor(userId, gone.conversationId(), gone.messageId());
        }
        if (position != null) {
            tables.delete(Table.MESSAGES, Keys.message(userId, gone.conversationId(), position));
        }
        if (!MessageIds.isMinted(gone.messageId())) {
            tables.delete(Table.MESSAGE_IDS, idKey);
        }
    }

    private Long scanFor(String userId, String conversationId, String messageId) {
        Bytes prefix = Keys.messagePrefix(userId, conversationId);
        try (KeyValueIterator<Bytes, byte[]> it = tables.range(Table.MESSAGES, prefix, Keys.after(prefix))) {
            while (it.hasNext()) {
                KeyValue<Bytes, byte[]> entry = it.next();
                if (entry.key.get().length == prefix.get().length + Long.BYTES
                        && StoredValues.messageView(entry.value).id().equals(messageId)) {
                    return Keys.position(entry.key);
                }
            }
        }
        return null;
    }

    /** Erasure: every key of the user, in every table. */
    private void wipe(String userId) {
        for (Table table : Table.USER_RANGED) {
            deletePrefix(table, Keys.userPrefix(userId));
        }
        tables.delete(Table.PROFILES, Keys.user(userId));
    }

    /** Remembers the outcome of a command sent with an idempotency key, for its retries. */
    public void remember(String userId, UUID commandId, Idempotency.Outcome outcome, Instant recordedAt) {
        tables.put(Table.OUTCOMES, Keys.command(userId, commandId), StoredValues.outcome(outcome, recordedAt));
    }

    /**
     * Forgets outcomes recorded before {@code cutoff}, looking at no more than {@code max} of them:
     * each sweep goes on where the last one stopped, so an outcome is kept at least until the cutoff
     * and at most one sweep of the table longer. Returns how many were forgotten.
     */
    public int forgetOutcomesBefore(Instant cutoff, int max) {
        List<Bytes> expired = new ArrayList<>();
        Bytes next = null;
        int seen = 0;
        try (KeyValueIterator<Bytes, byte[]> it = sweepFrom == null ? tables.all(Table.OUTCOMES)
                : tables.rangeFrom(Table.OUTCOMES, sweepFrom)) {
            while (it.hasNext()) {
                KeyValue<Bytes, byte[]> entry = it.next();
                if (seen++ == max) {
                    next = entry.key;
                    break;
                }
                if (StoredValues.outcomeRecordedAt(entry.value) < cutoff.toEpochMilli()) {
                    expired.add(entry.key);
                }
            }
        }
        sweepFrom = next;
        expired.forEach(key -> tables.delete(Table.OUTCOMES, key));
        return expired.size();
    }

    private void putCold(String userId, Conversation conversation) {
        tables.put(Table.CONVERSATIONS, Keys.conversation(userId, conversation.id()), StoredValues.conversation(conversation));
        tables.put(Table.ACTIVITY, activityKey(userId, conversation), PRESENT);
    }

    private void deleteCold(String userId, Conversation conversation) {
        tables.delete(Table.CONVERSATIONS, Keys.conversation(userId, conversation.id()));
        tables.delete(Table.ACTIVITY, activityKey(userId, conversation));
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
