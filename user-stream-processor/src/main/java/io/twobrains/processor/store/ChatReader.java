package io.twobrains.processor.store;

import io.twobrains.contract.MessageIds;
import io.twobrains.contract.command.Command;
import io.twobrains.contract.event.Event;
import io.twobrains.contract.message.Part;
import io.twobrains.contract.view.ChatContextView;
import io.twobrains.contract.view.ConversationView;
import io.twobrains.contract.view.MessageView;
import io.twobrains.contract.view.Page;
import io.twobrains.processor.domain.Conversation;
import io.twobrains.processor.domain.Generation;
import io.twobrains.processor.domain.Idempotency;
import io.twobrains.processor.domain.Needs;
import io.twobrains.processor.domain.Profile;
import io.twobrains.processor.domain.Slice;
import io.twobrains.processor.domain.UserState;
import java.util.ArrayList;
import java.util.Arrays;
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
 * Reads one user's data from the tables: slices for the processor, pages for the APIs. A page of
 * history reads a window of positions about as wide as the page ({@link NewestMessages}), so its cost
 * depends on the page size, not on the length of the history, and it is handed out as the stored JSON
 * of each message, never decoded.
 */
public class ChatReader {

    private final Tables tables;

    public ChatReader(Tables tables) {
        this.tables = tables;
    }

    /** What a command (or an event, in a rebuild) is decided on: the user's head, and the slice it reads. */
    public record Loaded(UserHead head, Slice slice) {
    }

    public Loaded load(String userId, Command command) {
        UserHead head = head(userId);
        return new Loaded(head, slice(userId, head, Needs.of(command, head.generations())));
    }

    public Loaded load(String userId, Event event) {
        UserHead head = head(userId);
        return new Loaded(head, slice(userId, head, Needs.of(event)));
    }

    UserHead head(String userId) {
        return StoredValues.head(tables.get(Table.HEADS, Keys.user(userId)));
    }

    public UserState user(String userId) {
        return head(userId).user();
    }

    public Optional<Conversation> conversation(String userId, String conversationId) {
        return conversation(userId, head(userId), conversationId);
    }

    private Optional<Conversation> conversation(String userId, UserHead head, String conversationId) {
        for (Conversation hot : head.hot()) {
            if (hot.id().equals(conversationId)) {
                return Optional.of(hot);
            }
        }
        return Optional.ofNullable(StoredValues.conversation(
                tables.get(Table.CONVERSATIONS, Keys.conversation(userId, conversationId))));
    }

    public Optional<Idempotency.Outcome> outcome(String userId, UUID commandId) {
        return Optional.ofNullable(StoredValues.outcome(tables.get(Table.OUTCOMES, Keys.command(userId, commandId))));
    }

    public Profile profile(String userId) {
        return StoredValues.profile(tables.get(Table.PROFILES, Keys.user(userId)));
    }

    /** The user's running generations (a handful at most). */
    public List<Generation> runningGenerations(String userId) {
        return List.copyOf(head(userId).generations().values());
    }

    /**
     * The slice a command or event reads ({@link Needs}): the head's user, running generations and hot
     * conversations, the conversation it names if that one is cold, which of the message ids it checks
     * a client has taken, and the profile if it needs it.
     */
    Slice slice(String userId, UserHead head, Needs needs) {
        Map<String, Conversation> conversations = new HashMap<>();
        head.hot().forEach(c -> conversations.put(c.id(), c));
        needs.conversation().filter(id -> !conversations.containsKey(id))
                .flatMap(id -> conversation(userId, head, id))
                .ifPresent(c -> conversations.put(c.id(), c));
        Set<String> taken = new HashSet<>();
        for (Needs.MessageRef ref : needs.messageIds()) {
            // A minted id is unique by construction and never indexed: it is free.
            if (!MessageIds.isMinted(ref.messageId())
                    && tables.get(Table.MESSAGE_IDS, Keys.messageId(userId, ref.conversationId(), ref.messageId())) != null) {
                taken.add(Slice.messageKey(ref.conversationId(), ref.messageId()));
            }
        }
        Profile profile = needs.profile() ? profile(userId) : Profile.empty();
        return Slice.of(head.user(), conversations, taken, profile, head.generations());
    }

    /**
     * Conversations, most recently updated first: the hot ones from the head merged with the cold
     * ones from the activity index, both ordered by the same key (inverted update time, then id).
     */
    public Page<ConversationView> conversations(String userId, int limit, String cursor) {
        byte[] after = cursor == null ? null : Cursors.decode(cursor);
        List<Map.Entry<byte[], Conversation>> hot = new ArrayList<>();
        for (Conversation c : head(userId).hot()) {
            byte[] key = Keys.activitySuffix(c.updatedAt().toEpochMilli(), c.id());
            if (after == null || Arrays.compareUnsigned(key, after) > 0) {
                hot.add(Map.entry(key, c));
            }
        }
        hot.sort((a, b) -> Arrays.compareUnsigned(a.getKey(), b.getKey()));
        Bytes prefix = Keys.activityPrefix(userId);
        Bytes from = after == null ? prefix : Keys.concat(prefix, withTrailingZero(after));
        List<ConversationView> items = new ArrayList<>(limit);
        byte[] lastKey = null;
        boolean more = false;
        int h = 0;
        try (KeyValueIterator<Bytes, byte[]> cold = tables.range(Table.ACTIVITY, from, Keys.after(prefix))) {
            byte[] coldKey = null;
            while (true) {
                if (coldKey == null && cold.hasNext()) {
                    coldKey = Keys.activitySuffix(cold.next().key, userId);
                }
                boolean takeHot = h < hot.size()
                        && (coldKey == null || Arrays.compareUnsigned(hot.get(h).getKey(), coldKey) <= 0);
                if (!takeHot && coldKey == null) {
                    break;
                }
                if (items.size() == limit) {
                    more = true;
                    break;
                }
                if (takeHot) {
                    lastKey = hot.get(h).getKey();
                    items.add(hot.get(h++).getValue().view());
                } else {
                    String id = Keys.activityConversationId(Keys.concat(prefix, coldKey), userId);
                    Conversation c = StoredValues.conversation(tables.get(Table.CONVERSATIONS, Keys.conversation(userId, id)));
                    if (c != null) {
                        items.add(c.view());
                    }
                    lastKey = coldKey;
                    coldKey = null;
                }
            }
        }
        return new Page<>(items, more ? Cursors.encode(lastKey) : null);
    }

    /**
     * The newest {@code limit} messages before {@code beforeCursor} (or the newest of all), oldest
     * first, each as its stored JSON; the next cursor leads to older messages. Empty if the
     * conversation does not exist.
     */
    public Optional<JsonPage> messagesJson(String userId, String conversationId, int limit, String beforeCursor) {
        Optional<Conversation> conversation = conversation(userId, conversationId);
        if (conversation.isEmpty()) {
            return Optional.empty();
        }
        long before = beforeCursor == null ? conversation.get().lastPosition() + 1 : Cursors.position(beforeCursor);
        List<byte[]> items = new ArrayList<>(limit);
        String next = null;
        if (before > 1) {
            try (NewestMessages it = new NewestMessages(tables, userId, conversationId, before - 1, limit + 1L)) {
                long oldest = 0;
                while (it.hasNext()) {
                    KeyValue<Bytes, byte[]> entry = it.next();
                    if (items.size() == limit) {
                        next = Cursors.position(oldest);
                        break;
                    }
                    items.add(StoredValues.messageJson(entry.value));
                    oldest = Keys.position(entry.key);
                }
            }
        }
        Collections.reverse(items);
        return Optional.of(new JsonPage(items, next));
    }

    /** As {@link #messagesJson}, decoded: for the tests and the few callers that need the messages themselves. */
    public Optional<Page<MessageView>> messages(String userId, String conversationId, int limit, String beforeCursor) {
        return messagesJson(userId, conversationId, limit, beforeCursor).map(page -> new Page<>(
                page.items().stream().map(JsonPage::view).toList(), page.nextCursor()));
    }

    /**
     * The context of a reply in a conversation: the profile's model settings, sealed keys and enabled
     * MCP servers, and the newest messages whose text fits {@code maxChars} (at most {@code maxMessages}).
     */
    public ChatContextView context(String userId, String conversationId, int maxChars, int maxMessages) {
        UserHead head = head(userId);
        Profile profile = profile(userId);
        Map<String, ChatContextView.Key> keys = new TreeMap<>();
        profile.apiKeys().forEach((provider, key) -> keys.put(provider.id(), new ChatContextView.Key(key.secret(), key.baseUrl())));
        List<ChatContextView.McpServer> servers = profile.settings().enabledMcpServers().stream()
                .map(profile.mcpServers()::get)
                .filter(server -> server != null && server.enabled())
                .map(server -> new ChatContextView.McpServer(server.id(), server.name(), server.url(), server.transport(),
                        server.headers()))
                .toList();
        Optional<Conversation> conversation = conversation(userId, head, conversationId);
        List<MessageView> history = new ArrayList<>();
        if (conversation.isPresent()) {
            long budget = maxChars;
            try (NewestMessages it = new NewestMessages(tables, userId, conversationId, conversation.get().lastPosition(),
                    Math.min(maxMessages, 256))) {
                while (it.hasNext() && history.size() < maxMessages) {
                    MessageView message = StoredValues.messageView(it.next().value);
                    budget -= message.parts().stream().mapToInt(Part::length).sum();
                    if (budget < 0 && !history.isEmpty()) {
                        break;
                    }
                    history.add(message);
                }
            }
            Collections.reverse(history);
        }
        List<ChatContextView.Running> running = head.generations().values().stream()
                .filter(g -> g.conversationId().equals(conversationId))
                .map(g -> new ChatContextView.Running(g.id(), g.startedAt())).toList();
        return new ChatContextView(head.user().seq(),
                conversation.map(c -> new ChatContextView.Conversation(c.id(), c.title(), c.titleSource(), c.messageCount(),
                                c.lastMessageId()))
                        .orElse(null),
                profile.settings().selectedModel(), profile.settings().reasoningEffort(), keys, servers, history, running);
    }

    private static byte[] withTrailingZero(byte[] suffix) {
        byte[] bytes = new byte[suffix.length + 1];
        System.arraycopy(suffix, 0, bytes, 0, suffix.length);
        return bytes;
    }
}
