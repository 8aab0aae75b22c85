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
 * names, which of its message ids are taken, and the messages appended so far. The processor loads
 * a slice from its stores, {@link Decide} reads it and {@link Evolve} folds events into it; tests fold
 * whole histories into one slice.
 *
 * @param conversations the conversations that exist, by id (a deleted one is absent)
 * @param messageIds    taken message ids, as {@code conversationId/messageId}
 * @param appended      messages appended since the slice was loaded, in order
 */
public record Slice(UserState user, Map<String, Conversation> conversations, Set<String> messageIds,
        List<Message> appended) {

    public Slice {
        conversations = Map.copyOf(conversations);
        messageIds = Set.copyOf(messageIds);
        appended = List.copyOf(appended);
    }

    public static Slice of(UserState user, Map<String, Conversation> conversations, Set<String> messageIds) {
        return new Slice(user, conversations, messageIds, List.of());
    }

    public static Slice empty() {
        return of(UserState.empty(), Map.of(), Set.of());
    }

    public Optional<Conversation> conversation(String id) {
        return Optional.ofNullable(conversations.get(id));
    }

    public boolean messageIdTaken(String conversationId, String messageId) {
        return messageIds.contains(messageKey(conversationId, messageId));
    }

    public static String messageKey(String conversationId, String messageId) {
        return conversationId + "/" + messageId;
    }

    Slice withUser(UserState newUser) {
        return new Slice(newUser, conversations, messageIds, appended);
    }

    Slice withConversation(Conversation conversation) {
        Map<String, Conversation> next = new HashMap<>(conversations);
        next.put(conversation.id(), conversation);
        return new Slice(user, next, messageIds, appended);
    }

    Slice withoutConversation(String id) {
        Map<String, Conversation> next = new HashMap<>(conversations);
        next.remove(id);
        Set<String> ids = new HashSet<>(messageIds);
        ids.removeIf(key -> key.startsWith(id + "/"));
        List<Message> kept = new ArrayList<>(appended);
        kept.removeIf(m -> m.conversationId().equals(id));
        return new Slice(user, next, ids, kept);
    }

    Slice withAppended(Message message) {
        Set<String> ids = new HashSet<>(messageIds);
        ids.add(messageKey(message.conversationId(), message.id()));
        List<Message> next = new ArrayList<>(appended);
        next.add(message);
        return new Slice(user, conversations, ids, next);
    }
}
