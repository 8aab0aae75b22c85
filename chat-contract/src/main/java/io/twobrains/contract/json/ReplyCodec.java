package io.twobrains.contract.json;

import io.twobrains.contract.reply.Reply;
import tools.jackson.core.JacksonException;

/** Replies to and from JSON bytes. */
public final class ReplyCodec {

    private ReplyCodec() {
    }

    public static byte[] toBytes(Reply reply) {
        return ChatJson.MAPPER.writeValueAsBytes(reply);
    }

    public static Reply fromBytes(byte[] bytes) {
        try {
            Reply reply = ChatJson.MAPPER.readValue(bytes, Reply.class);
            if (reply.commandId() == null || reply.outcome() == null) {
                throw new MalformedRecordException("reply lacks commandId or outcome");
            }
            return reply;
        } catch (JacksonException e) {
            throw new MalformedRecordException("reply is malformed: " + e.getOriginalMessage(), e);
        }
    }
}
