package io.twobrains.contract.json;

import io.twobrains.contract.command.CommandEnvelope;
import io.twobrains.contract.event.EventEnvelope;
import io.twobrains.contract.reply.Reply;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/** Kafka serdes for the envelopes, for Java consumers of the topics (analytics, tools, tests). */
public final class ChatSerdes {

    private ChatSerdes() {
    }

    public static Serde<CommandEnvelope> commands() {
        return serde(CommandCodec::toBytes, CommandCodec::fromBytes);
    }

    public static Serde<EventEnvelope> events() {
        return serde(EventCodec::toBytes, EventCodec::fromBytes);
    }

    public static Serde<Reply> replies() {
        return serde(ReplyCodec::toBytes, ReplyCodec::fromBytes);
    }

    private static <T> Serde<T> serde(Function<T, byte[]> write, Function<byte[], T> read) {
        Serializer<T> serializer = (topic, value) -> value == null ? null : write.apply(value);
        Deserializer<T> deserializer = (topic, bytes) -> bytes == null ? null : read.apply(bytes);
        return Serdes.serdeFrom(serializer, deserializer);
    }
}
