package io.twobrains.processor.domain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The part of one user's state that a command can touch: the user record, the conversations it
 * names, which of its message ids are taken, the messages appended so far, the profile, and the
 * running generations it names. The processor loads a slice from its stores, {@link Decide} reads it
 * and {@link Evolve} folds events into it; tests fold whole histories into one slice.
 *
 * @param conversations the conversations that exist, by id (a deleted one is absent)
 * @param messageIds    taken message ids, as {@code conversationId/messageId}
 * @param appended      messages appended since the slice was loaded, in order
 * @param generations   running generations, by id
 * @param superseded    stored messages removed from their conversation since the slice was loaded
 * @param wiped         the user was erased while this slice was in hand: everything stored goes
 */
public record Slice(UserState user, Map<String, Conversation> conversations, Set<String> messageIds,
        List<Message> appended, Profile profile, Map<String, Generation> generations, List<Superseded> superseded,
        boolean wiped) {

    /** A stored message that left its conversation; {@code position} is 0 when it is not known. */
    public record Superseded(String conversationId, String messageId, long position) {
    }

    public Slice {
        conversations = Map.copyOf(conversations);
        messageIds = Set.copyOf(messageIds);
        appended = List.copyOf(appended);
        generations = Map.copyOf(generations);
        superseded = List.copyOf(superseded);
    }

    public static Slice of(UserState user, Map<String, Conversation> conversations, Set<String> messageIds,
            Profile profile, Map<String, Generation> generations) {
        return new Slice(user, conversations, messageIds, List.of(), profile, generations, List.of(), false);
    }

    public static Slice empty() {
        return of(UserState.empty(), Map.of(), Set.of(), Profile.empty(), Map.of());
    }

    public Optional<Conversation> conversation(String id) {
        return Optional.ofNullable(conversations.get(id));
    }

    public Optional<Generation> generation(String id) {
        return Optional.ofNullable(generations.get(id));
    }

    public boolean messageIdTaken(String conversationId, String messageId) {
        return messageIds.contains(messageKey(conversationId, messageId));
    }

    public static String messageKey(String conversationId, String messageId) {
        return conversationId + "/" + messageId;
    }

    Slice withUser(UserState newUser) {
        return new Slice(newUser, conversations, messageIds, appended, profile, generations, superseded, wiped);
    }

    Slice withProfile(Profile newProfile) {
        return new Slice(user, conversations, messageIds, appended, newProfile, generations, superseded, wiped);
    }

    Slice withConversation(Conversation conversation) {
        Map<String, Conversation> next = new HashMap<>(conversations);
        next.put(conversation.id(), conversation);
        return new Slice(user, next, messageIds, appended, profile, generations, superseded, wiped);
    }

    Slice withoutConversation(String id) {
        Map<String, Conversation> next = new HashMap<>(conversations);
        next.remove(id);
        Set<String> ids = new HashSet<>(messageIds);
        ids.removeIf(key -> key.startsWith(id + "/"));
        List<Message> kept = new ArrayList<>(appended);
        kept.removeIf(m -> m.conversationId().equals(id));
        return new Slice(user, next, ids, kept, profile, generations, superseded, wiped);
    }

    Slice withAppended(Message message) {
        Set<String> ids = new HashSet<>(messageIds);
        ids.add(messageKey(message.conversationId(), message.id()));
        List<Message> next = new ArrayList<>(appended);
        next.add(message);
        return new Slice(user, conversations, ids, next, profile, generations, superseded, wiped);
    }

    /** The running generations of one conversation. */
    public List<Generation> runningIn(String conversationId) {
        return generations.values().stream().filter(g -> g.conversationId().equals(conversationId)).toList();
    }

    /**
     * A message leaves its conversation. One appended within this slice is simply dropped (it was
     * never stored); a stored one is remembered, for the writer to delete.
     */
    Slice withSuperseded(String conversationId, String messageId, long position) {
        String key = messageKey(conversationId, messageId);
        Set<String> ids = new HashSet<>(messageIds);
        ids.remove(key);
        List<Message> kept = new ArrayList<>(appended);
        boolean wasAppended = kept.removeIf(m -> m.conversationId().equals(conversationId) && m.id().equals(messageId));
        List<Superseded> gone = new ArrayList<>(superseded);
        if (!wasAppended) {
            gone.add(new Superseded(conversationId, messageId, position));
        }
        return new Slice(user, conversations, ids, kept, profile, generations, gone, wiped);
    }

    Slice withGeneration(Generation generation) {
        Map<String, Generation> next = new HashMap<>(generations);
        next.put(generation.id(), generation);
        return new Slice(user, conversations, messageIds, appended, profile, next, superseded, wiped);
    }

    Slice withoutGeneration(String id) {
        Map<String, Generation> next = new HashMap<>(generations);
        next.remove(id);
        return new Slice(user, conversations, messageIds, appended, profile, next, superseded, wiped);
    }

    /** Everything of the user goes but the seq (see {@link UserState#erased()}). */
    Slice erased() {
        return new Slice(user.erased(), Map.of(), Set.of(), List.of(), Profile.empty(), Map.of(), List.of(), true);
    }
}
