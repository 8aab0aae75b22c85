package io.twobrains.processor.store;

import io.twobrains.contract.event.TitleSource;
import io.twobrains.contract.json.ChatJson;
import io.twobrains.contract.reply.Reply;
import io.twobrains.contract.view.MessageView;
import io.twobrains.processor.domain.Conversation;
import io.twobrains.processor.domain.Generation;
import io.twobrains.processor.domain.Idempotency;
import io.twobrains.processor.domain.Message;
import io.twobrains.processor.domain.Profile;
import io.twobrains.processor.domain.UserState;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Store values. Every value starts with its format version, so a new shape is read next to the old
 * one and upgraded when it is next written (the "migrate on load" of a per-user actor), never in a
 * stop-the-world migration. The values every command touches (the head, messages, conversations)
 * are binary; a message keeps the JSON of its view after a one-byte header, so a page of history is
 * written from stored bytes without decoding a message. The profile (rarely written) stays JSON.
 */
public final class StoredValues {

    static final int HEAD_V1 = 1;
    static final int CONVERSATION_V1 = 1;
    static final int MESSAGE_V1 = 1;
    static final int PROFILE_V1 = 1;
    static final int OUTCOME_V1 = 1;

    private StoredValues() {
    }

    // --- head

    static byte[] head(UserHead head) {
        ValueWriter out = new ValueWriter(64 + 96 * head.hot().size() + 96 * head.generations().size()).u8(HEAD_V1);
        UserState user = head.user();
        out.varLong(user.seq()).varLong(user.conversations()).varLong(user.messages())
                .varLong(user.quotaDay() == null ? 0 : user.quotaDay().toEpochDay() + 1).varLong(user.dailyCount())
                .varLong(user.quotaMonth() == null ? 0 : user.quotaMonth().getYear() * 12L + user.quotaMonth().getMonthValue())
                .varLong(user.monthlyCount());
        out.varLong(head.hot().size());
        head.hot().forEach(conversation -> conversation(out, conversation));
        out.varLong(head.generations().size());
        head.generations().values().forEach(generation -> out.string(generation.id()).string(generation.conversationId())
                .string(generation.model()).string(generation.provider()).bool(generation.byok())
                .i64(generation.startedAt().toEpochMilli()).optional(generation.messageId())
                .optional(generation.regenerates()).varLong(generation.regeneratesPosition())
                .optional(generation.runner()));
        return out.toBytes();
    }

    static UserHead head(byte[] bytes) {
        if (bytes == null) {
            return UserHead.empty();
        }
        ValueReader in = new ValueReader(bytes);
        requireVersion(in.u8(), HEAD_V1, "user head");
        long seq = in.varLong();
        long conversations = in.varLong();
        long messages = in.varLong();
        long day = in.varLong();
        long daily = in.varLong();
        long month = in.varLong();
        long monthly = in.varLong();
        UserState user = new UserState(seq, conversations, messages, day == 0 ? null : LocalDate.ofEpochDay(day - 1), daily,
                month == 0 ? null : YearMonth.of((int) ((month - 1) / 12), (int) ((month - 1) % 12) + 1), monthly,
                UserState.CURRENT_SCHEMA);
        int hotCount = in.varInt();
        List<Conversation> hot = new ArrayList<>(hotCount);
        for (int i = 0; i < hotCount; i++) {
            hot.add(conversation(in));
        }
        int generationCount = in.varInt();
        Map<String, Generation> generations = new HashMap<>();
        for (int i = 0; i < generationCount; i++) {
            Generation generation = new Generation(in.string(), in.string(), in.string(), in.string(), in.bool(),
                    Instant.ofEpochMilli(in.i64()), in.optional(), in.optional(), in.varLong(), in.optional());
            generations.put(generation.id(), generation);
        }
        return new UserHead(user, hot, generations);
    }

    // --- conversations (in the head, and cold)

    static byte[] conversation(Conversation conversation) {
        ValueWriter out = new ValueWriter(96).u8(CONVERSATION_V1);
        conversation(out, conversation);
        return out.toBytes();
    }

    static Conversation conversation(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        ValueReader in = new ValueReader(bytes);
        requireVersion(in.u8(), CONVERSATION_V1, "conversation");
        return conversation(in);
    }

    private static void conversation(ValueWriter out, Conversation c) {
        out.string(c.id()).optional(c.title()).u8(c.titleSource() == null ? 0 : c.titleSource().ordinal() + 1)
                .i64(c.createdAt().toEpochMilli()).i64(c.updatedAt().toEpochMilli())
                .varLong(c.messageCount()).varLong(c.lastPosition()).optional(c.lastMessageId());
    }

    private static Conversation conversation(ValueReader in) {
        String id = in.string();
        String title = in.optional();
        int source = in.u8();
        return new Conversation(id, title, source == 0 ? null : TitleSource.values()[source - 1],
                Instant.ofEpochMilli(in.i64()), Instant.ofEpochMilli(in.i64()), in.varLong(), in.varLong(), in.optional());
    }

    // --- messages: a header byte, then the JSON of the view (what a page sends)

    static byte[] message(Message message) {
        return new ValueWriter(256).u8(MESSAGE_V1).rest(ChatJson.MAPPER.writeValueAsBytes(message.view())).toBytes();
    }

    /** The JSON of a stored message's view, as a page sends it. */
    static byte[] messageJson(byte[] stored) {
        requireVersion(stored[0] & 0xFF, MESSAGE_V1, "message");
        return java.util.Arrays.copyOfRange(stored, 1, stored.length);
    }

    static MessageView messageView(byte[] stored) {
        requireVersion(stored[0] & 0xFF, MESSAGE_V1, "message");
        return ChatJson.MAPPER.readValue(stored, 1, stored.length - 1, MessageView.class);
    }

    // --- the profile

    static byte[] profile(Profile profile) {
        return new ValueWriter(512).u8(PROFILE_V1).rest(ChatJson.MAPPER.writeValueAsBytes(profile)).toBytes();
    }

    static Profile profile(byte[] bytes) {
        if (bytes == null) {
            return Profile.empty();
        }
        requireVersion(bytes[0] & 0xFF, PROFILE_V1, "profile");
        return ChatJson.MAPPER.readValue(bytes, 1, bytes.length - 1, Profile.class);
    }

    // --- outcomes of commands sent with an idempotency key

    /**
     * When it was recorded (first, fixed width: the sweep reads only that), the request's fingerprint,
     * and the reply without message content (the API answers a repeated append from the request itself).
     */
    static byte[] outcome(Idempotency.Outcome outcome, Instant recordedAt) {
        Reply reply = outcome.reply();
        Reply slim = reply.message() == null ? reply : new Reply(reply.commandId(), reply.userId(), reply.seq(),
                reply.outcome(), reply.code(), reply.reason(), reply.limitType(), reply.resetsAt(), reply.conversation(),
                new MessageView(reply.message().id(), reply.message().role(), List.of(), reply.message().createdAt()),
                reply.settings(), reply.mcpServer());
        return new ValueWriter(128).u8(OUTCOME_V1).i64(recordedAt.toEpochMilli())
                .optional(outcome.fingerprint())
                .rest(ChatJson.MAPPER.writeValueAsBytes(slim)).toBytes();
    }

    static Idempotency.Outcome outcome(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        ValueReader in = new ValueReader(bytes);
        requireVersion(in.u8(), OUTCOME_V1, "command outcome");
        in.i64();
        String fingerprint = in.optional();
        Reply reply = ChatJson.MAPPER.readValue(bytes, in.position(), bytes.length - in.position(), Reply.class);
        return new Idempotency.Outcome(fingerprint, reply);
    }

    static long outcomeRecordedAt(byte[] bytes) {
        return new ValueReader(bytes, 1).i64();
    }

    private static void requireVersion(int version, int known, String what) {
        if (version != known) {
            throw new IllegalStateException("a stored " + what + " has format version " + version
                    + ", which this processor does not read (it reads " + known + ")");
        }
    }
}
