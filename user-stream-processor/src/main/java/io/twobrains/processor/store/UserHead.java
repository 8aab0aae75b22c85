package io.twobrains.processor.store;

import io.twobrains.processor.domain.Conversation;
import io.twobrains.processor.domain.Generation;
import io.twobrains.processor.domain.UserState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The one record a user's every command rewrites: the user's seq, counters and quota, the running
 * generations, and the conversations touched most recently ("hot"), newest first. An append to a
 * hot conversation then writes this record and the message, nothing else: no conversation record,
 * no moved activity-index entry. A conversation that falls out of the hot set goes to the cold
 * tables (its record and its activity entry) and comes back when it is touched again; it is never
 * in both places.
 */
public record UserHead(UserState user, List<Conversation> hot, Map<String, Generation> generations) {

    /** How many conversations the head keeps: enough for a user's current work, small enough to rewrite. */
    static final int HOT_CONVERSATIONS = 16;

    /** Newest first; ties by id, as the activity index orders them. */
    static final Comparator<Conversation> NEWEST_FIRST = Comparator
            .comparing(Conversation::updatedAt, Comparator.reverseOrder())
            .thenComparing(Conversation::id);

    public UserHead {
        hot = List.copyOf(hot);
        generations = Map.copyOf(generations);
    }

    static UserHead empty() {
        return new UserHead(UserState.empty(), List.of(), Map.of());
    }

    /** {@code conversations} ordered newest first and cut to the hot set; the rest is returned in {@code evicted}. */
    static List<Conversation> hotSet(List<Conversation> conversations, List<Conversation> evicted) {
        List<Conversation> ordered = new ArrayList<>(conversations);
        ordered.sort(NEWEST_FIRST);
        if (ordered.size() > HOT_CONVERSATIONS) {
            evicted.addAll(ordered.subList(HOT_CONVERSATIONS, ordered.size()));
            return List.copyOf(ordered.subList(0, HOT_CONVERSATIONS));
        }
        return List.copyOf(ordered);
    }
}
