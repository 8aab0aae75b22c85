package io.twobrains.contract.content;

import io.twobrains.contract.json.ChatJson;
import io.twobrains.contract.message.Part;
import io.twobrains.contract.message.ReasoningPart;
import io.twobrains.contract.message.StepStartPart;
import io.twobrains.contract.message.TextPart;
import io.twobrains.contract.message.ToolPart;
import io.twobrains.contract.reply.Reply;
import io.twobrains.contract.view.ChatContextView;
import io.twobrains.contract.view.ConversationView;
import io.twobrains.contract.view.MessageView;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.StringNode;

/**
 * Which fields of chat data are a user's content, and how they are sealed and opened: titles; and in
 * message parts, the text, the reasoning, a tool's input, output and error. Ids, roles, tool names and
 * call ids, times, models and counts stay readable, for the consumers of the log that need no content.
 * A tool's input or output (any JSON) is sealed as the string of its JSON.
 *
 * <p>Opening is lenient where a reader shows content: a value that does not open (its key destroyed by
 * an erasure, which then raced a read) reads as {@link #UNREADABLE} rather than failing the whole page.
 */
public final class SealedContent {

    /** What a value that does not open reads as. */
    public static final String UNREADABLE = "[unreadable: this content was erased]";

    private SealedContent() {
    }

    public static String sealTitle(ContentCipher cipher, String conversationId, String title) {
        return title == null ? null : cipher.seal(title, new ContentPlace.Title(conversationId));
    }

    public static String openTitle(ContentCipher cipher, String conversationId, String title) {
        return title == null ? null : lenient(cipher, title, new ContentPlace.Title(conversationId));
    }

    public static List<Part> seal(ContentCipher cipher, String conversationId, String messageId, List<Part> parts) {
        if (parts == null) {
            return null;
        }
        ContentPlace place = new ContentPlace.MessagePart(conversationId, messageId);
        List<Part> sealed = new ArrayList<>(parts.size());
        for (Part part : parts) {
            sealed.add(map(part, value -> cipher.seal(value, place), true));
        }
        return sealed;
    }

    public static List<Part> open(ContentCipher cipher, String conversationId, String messageId, List<Part> parts) {
        if (parts == null) {
            return null;
        }
        ContentPlace place = new ContentPlace.MessagePart(conversationId, messageId);
        List<Part> open = new ArrayList<>(parts.size());
        for (Part part : parts) {
            open.add(map(part, value -> lenient(cipher, value, place), false));
        }
        return open;
    }

    public static MessageView open(ContentCipher cipher, String conversationId, MessageView message) {
        return message == null ? null : new MessageView(message.id(), message.role(),
                open(cipher, conversationId, message.id(), message.parts()), message.createdAt());
    }

    public static ConversationView open(ContentCipher cipher, ConversationView conversation) {
        return conversation == null ? null : new ConversationView(conversation.id(),
                openTitle(cipher, conversation.id(), conversation.title()), conversation.createdAt(),
                conversation.updatedAt(), conversation.messageCount());
    }

    /** A reply with the conversation and message it carries opened ({@code conversationId} of the message). */
    public static Reply open(ContentCipher cipher, String conversationId, Reply reply) {
        if (reply.conversation() == null && reply.message() == null) {
            return reply;
        }
        return new Reply(reply.commandId(), reply.userId(), reply.seq(), reply.outcome(), reply.code(), reply.reason(),
                reply.limitType(), reply.resetsAt(), open(cipher, reply.conversation()),
                open(cipher, conversationId, reply.message()), reply.settings(), reply.mcpServer());
    }

    /** A generation's context with its title and history opened. */
    public static ChatContextView open(ContentCipher cipher, String conversationId, ChatContextView context) {
        ChatContextView.Conversation conversation = context.conversation() == null ? null
                : new ChatContextView.Conversation(context.conversation().id(),
                        openTitle(cipher, conversationId, context.conversation().title()),
                        context.conversation().titleSource(), context.conversation().messageCount(),
                        context.conversation().lastMessageId());
        List<MessageView> history = new ArrayList<>(context.history().size());
        for (MessageView message : context.history()) {
            history.add(open(cipher, conversationId, message));
        }
        return new ChatContextView(context.seq(), conversation, context.selectedModel(), context.reasoningEffort(),
                context.apiKeys(), context.mcpServers(), history, context.running());
    }

    /** Whether the content of a part is sealed (a part with no content, such as a step start, is not). */
    public static boolean isSealed(Part part) {
        return part != null && part.accept(IS_SEALED);
    }

    private static final Part.Visitor<Boolean> IS_SEALED = new Part.Visitor<>() {
        @Override
        public Boolean visit(TextPart part) {
            return ContentCipher.isSealed(part.text());
        }

        @Override
        public Boolean visit(ReasoningPart part) {
            return ContentCipher.isSealed(part.text());
        }

        @Override
        public Boolean visit(ToolPart part) {
            return sealedJson(part.input()) || sealedJson(part.output()) || ContentCipher.isSealed(part.errorText());
        }

        @Override
        public Boolean visit(StepStartPart part) {
            return false;
        }
    };

    private static boolean sealedJson(JsonNode node) {
        return node != null && node.isString() && ContentCipher.isSealed(node.asString());
    }

    static String lenient(ContentCipher cipher, String value, ContentPlace place) {
        try {
            return cipher.open(value, place);
        } catch (UnreadableContentException e) {
            return UNREADABLE;
        }
    }

    private interface Transform {
        String apply(String value);
    }

    private static Part map(Part part, Transform transform, boolean sealing) {
        if (part == null) {
            throw new IllegalArgumentException("unknown part null");
        }
        return part.accept(new Mapping(transform, sealing));
    }

    /** A part with each content field transformed (sealed or opened); a part without content as it is. */
    private record Mapping(Transform transform, boolean sealing) implements Part.Visitor<Part> {

        @Override
        public Part visit(TextPart part) {
            return new TextPart(part.text() == null ? null : transform.apply(part.text()));
        }

        @Override
        public Part visit(ReasoningPart part) {
            return new ReasoningPart(part.text() == null ? null : transform.apply(part.text()));
        }

        @Override
        public Part visit(ToolPart part) {
            return new ToolPart(part.toolName(), part.toolCallId(), part.state(), json(part.input(), transform, sealing),
                    json(part.output(), transform, sealing),
                    part.errorText() == null ? null : transform.apply(part.errorText()));
        }

        @Override
        public Part visit(StepStartPart part) {
            return part;
        }
    }

    /** Sealing: the JSON becomes the sealed string of its text. Opening: a sealed string becomes its JSON again. */
    private static JsonNode json(JsonNode node, Transform transform, boolean sealing) {
        if (node == null || node.isNull()) {
            return node;
        }
        if (sealing) {
            return StringNode.valueOf(transform.apply(node.toString()));
        }
        if (node.isString() && ContentCipher.isSealed(node.asString())) {
            String opened = transform.apply(node.asString());
            return opened.equals(UNREADABLE) ? StringNode.valueOf(opened) : ChatJson.MAPPER.readTree(opened);
        }
        return node;
    }
}
