package io.twobrains.processor.store;

import io.twobrains.contract.ConversationScoped;
import io.twobrains.contract.ProfileScoped;
import io.twobrains.contract.command.CompleteGeneration;
import io.twobrains.contract.command.StartGeneration;
import io.twobrains.contract.event.GenerationEnded;
import io.twobrains.contract.command.AppendMessage;
import io.twobrains.contract.view.ConversationView;
import io.twobrains.contract.view.MessageView;
import io.twobrains.contract.view.Page;
import io.twobrains.processor.domain.Conversation;
import io.twobrains.contract.message.Part;
import io.twobrains.contract.view.ChatContextView;
import io.twobrains.processor.domain.Generation;
import io.twobrains.processor.domain.UserState;
import io.twobrains.processor.domain.Idempotency;
import io.twobrains.processor.domain.Message;
import io.twobrains.processor.domain.Profile;
import io.twobrains.processor.domain.Slice;
import io.twobrains.processor.domain.UserState;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;

/**
 * Reads one user's data from the tables: slices for the processor, pages for interactive queries.
 * A page is one range scan, so its cost depends on the page size, not on the length of the history.
 */
public class ChatReader {

    private final Tables tables;

    public ChatReader(Tables tables) {
        this.tables = tables;
    }

    public UserState user(String userId) {
        return StoredValues.user(tables.get(Table.USERS, Keys.user(userId)));
    }

    public Optional<Conversation> conversation(String userId, String conversationId) {
        return Optional.ofNullable(StoredValues.conversation(
                tables.get(Table.CONVERSATIONS, Keys.conversation(userId, conversationId))));
    }

    public Optional<Idempotency.Outcome> outcome(String userId, UUID commandId) {
        return Optional.ofNullable(StoredValues.outcome(tables.get(Table.COMMANDS, Keys.command(userId, commandId))));
    }

    public Profile profile(String userId) {
        return StoredValues.profile(tables.get(Table.PROFILES, Keys.user(userId)));
    }

    public Optional<Generation> generation(String userId, String generationId) {
        return Optional.ofNullable(StoredValues.generation(
                tables.get(Table.GENERATIONS, Keys.generation(userId, generationId))));
    }

    /**
     * The slice a command or event needs: the user, the conversation it names, the message id it
     * uses, the profile if it is about the profile, and the generation it names.
     */
    public Slice slice(String userId, Object commandOrEvent) {
        Map<String, Conversation> conversations = new HashMap<>();
        Set<String> messageIds = new HashSet<>();
        Map<String, Generation> generations = new HashMap<>();
        if (commandOrEvent instanceof ConversationScoped scoped && scoped.conversationId() != null) {
            conversation(userId, scoped.conversationId()).ifPresent(c -> conversations.put(c.id(), c));
        }
        String generationId = generationIdOf(commandOrEvent);
        if (generationId != null) {
            generation(userId, generationId).ifPresent(g -> generations.put(g.id(), g));
        }
        if (commandOrEvent instanceof CompleteGeneration complete && generations.containsKey(complete.generationId())) {
            // The reply goes into the generation's conversation, if it still exists.
            conversation(userId, generations.get(complete.generationId()).conversationId())
                    .ifPresent(c -> conversations.put(c.id(), c));
        }
        if (commandOrEvent instanceof StartGeneration start) {
            // A start must see every running generation of its conversation (there is at most one live).
            runningGenerations(userId).stream()
                    .filter(g -> g.conversationId().equals(start.conversationId()))
                    .forEach(g -> generations.put(g.id(), g));
        }
        for (String[] id : messageIdsNamed(commandOrEvent, generations)) {
            if (id[0] != null && id[1] != null
                    && tables.get(Table.MESSAGE_IDS, Keys.messageId(userId, id[0], id[1])) != null) {
                messageIds.add(Slice.messageKey(id[0], id[1]));
            }
        }
        Profile profile = commandOrEvent instanceof ProfileScoped ? profile(userId) : Profile.empty();
        return Slice.of(user(userId), conversations, messageIds, profile, generations);
    }

    private static String generationIdOf(Object commandOrEvent) {
        if (commandOrEvent instanceof StartGeneration start) {
            return start.generationId();
        }
        if (commandOrEvent instanceof CompleteGeneration complete) {
            return complete.generationId();
        }
        if (commandOrEvent instanceof GenerationEnded ended) {
            return ended.generationId();
        }
        return null;
    }

    /** The (conversation, message) ids whose existence a decision checks. */
    private static List<String[]> messageIdsNamed(Object commandOrEvent, Map<String, Generation> generations) {
        List<String[]> ids = new ArrayList<>();
        if (commandOrEvent instanceof AppendMessage append) {
            ids.add(new String[] {append.conversationId(), append.messageId()});
        }
        if (commandOrEvent instanceof StartGeneration start) {
            if (start.prompt() != null) {
                ids.add(new String[] {start.conversationId(), start.prompt().messageId()});
            }
            ids.add(new String[] {start.conversationId(), start.messageId()});
            ids.add(new String[] {start.conversationId(), start.regenerates()});
        }
        if (commandOrEvent instanceof CompleteGeneration complete && generations.containsKey(complete.generationId())) {
            Generation generation = generations.get(complete.generationId());
            ids.add(new String[] {generation.conversationId(), generation.messageId()});
            ids.add(new String[] {generation.conversationId(), generation.regenerates()});
        }
        return ids;
    }

    /** The user's running generations (a handful at most). */
    public List<Generation> runningGenerations(String userId) {
        Bytes prefix = Keys.userPrefix(userId);
        List<Generation> running = new ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> it = tables.range(Table.GENERATIONS, prefix, Keys.after(prefix))) {
            it.forEachRemaining(entry -> running.add(StoredValues.generation(entry.value)));
        }
        return running;
    }

    /** Conversations, most recently updated first. */
    public Page<ConversationView> conversations(String userId, int limit, String cursor) {
        Bytes prefix = Keys.activityPrefix(userId);
        Bytes from = cursor == null ? prefix : Keys.concat(prefix, withTrailingZero(Cursors.decode(cursor)));
        List<ConversationView> items = new ArrayList<>(limit);
        String next = null;
        try (KeyValueIterator<Bytes, byte[]> it = tables.range(Table.CONVERSATIONS_BY_ACTIVITY, from, Keys.after(prefix))) {
            Bytes lastKey = null;
            while (it.hasNext()) {
                KeyValue<Bytes, byte[]> entry = it.next();
                if (items.size() == limit) {
                    next = Cursors.encode(Keys.activitySuffix(lastKey, userId));
                    break;
                }
                conversation(userId, Keys.activityConversationId(entry.key, userId))
                        .ifPresent(c -> items.add(c.view()));
                lastKey = entry.key;
            }
        }
        return new Page<>(items, next);
    }

    /**
     * The newest {@code limit} messages before {@code beforeCursor} (or the newest of all), oldest
     * first; the next cursor leads to older messages. Empty if the conversation does not exist.
     */
    public Optional<Page<MessageView>> messages(String userId, String conversationId, int limit, String beforeCursor) {
        Optional<Conversation> conversation = conversation(userId, conversationId);
        if (conversation.isEmpty()) {
            return Optional.empty();
        }
        long before = beforeCursor == null ? conversation.get().lastPosition() + 1 : Cursors.position(beforeCursor);
        List<MessageView> items = new ArrayList<>(limit);
        String next = null;
        if (before > 1) {
            try (KeyValueIterator<Bytes, byte[]> it = tables.reverseRange(Table.MESSAGES, 
                    Keys.message(userId, conversationId, 0), Keys.message(userId, conversationId, before - 1))) {
                long oldest = 0;
                while (it.hasNext()) {
                    KeyValue<Bytes, byte[]> entry = it.next();
                    if (items.size() == limit) {
                        next = Cursors.position(oldest);
                        break;
                    }
                    Message message = StoredValues.message(entry.value);
                    items.add(message.view());
                    oldest = message.position();
                }
            }
        }
        Collections.reverse(items);
        return Optional.of(new Page<>(items, next));
    }

    /**
     * The context of a reply in a conversation: the profile's model settings, sealed keys and enabled
     * MCP servers, and the newest messages whose text fits {@code maxChars} (at most {@code maxMessages}).
     */
    public ChatContextView context(String userId, String conversationId, int maxChars, int maxMessages) {
        UserState user = user(userId);
        Profile profile = profile(userId);
        Map<String, ChatContextView.Key> keys = new TreeMap<>();
        profile.apiKeys().forEach((provider, key) -> keys.put(provider.id(), new ChatContextView.Key(key.secret(), key.baseUrl())));
        List<ChatContextView.McpServer> servers = profile.settings().enabledMcpServers().stream()
                .map(profile.mcpServers()::get)
                .filter(server -> server != null && server.enabled())
                .map(server -> new ChatContextView.McpServer(server.id(), server.name(), server.url(), server.transport(),
                        server.headers()))
                .toList();
        Optional<Conversation> conversation = conversation(userId, conversationId);
        List<MessageView> history = new ArrayList<>();
        if (conversation.isPresent()) {
            long budget = maxChars;
            try (KeyValueIterator<Bytes, byte[]> it = tables.reverseRange(Table.MESSAGES, 
                    Keys.message(userId, conversationId, 0),
                    Keys.message(userId, conversationId, conversation.get().lastPosition()))) {
                while (it.hasNext() && history.size() < maxMessages) {
                    Message message = StoredValues.message(it.next().value);
                    budget -= message.parts().stream().mapToInt(Part::length).sum();
                    if (budget < 0 && !history.isEmpty()) {
                        break;
                    }
                    history.add(message.view());
                }
            }
            Collections.reverse(history);
        }
        List<ChatContextView.Running> running = runningGenerations(userId).stream()
                .filter(g -> g.conversationId().equals(conversationId))
                .map(g -> new ChatContextView.Running(g.id(), g.startedAt())).toList();
        return new ChatContextView(user.seq(),
                conversation.map(c -> new ChatContextView.Conversation(c.id(), c.title(), c.titleSource(), c.messageCount()))
                        .orElse(null),
                profile.settings().selectedModel(), profile.settings().reasoningEffort(), keys, servers, history, running);
    }

    private static byte[] withTrailingZero(byte[] suffix) {
        byte[] bytes = new byte[suffix.length + 1];
        System.arraycopy(suffix, 0, bytes, 0, suffix.length);
        return bytes;
    }
}
