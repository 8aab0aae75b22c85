package io.twobrains.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.twobrains.contract.command.AppendMessage;
import io.twobrains.contract.command.CommandEnvelope;
import io.twobrains.contract.event.CommandRejected;
import io.twobrains.contract.event.EventEnvelope;
import io.twobrains.contract.event.MessageAppended;
import io.twobrains.contract.event.RejectionCode;
import io.twobrains.contract.json.CommandCodec;
import io.twobrains.contract.json.EventCodec;
import io.twobrains.contract.message.Role;
import io.twobrains.contract.message.TextPart;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EnvelopeHeadTest {

    private static final UUID COMMAND = UUID.randomUUID();

    @Test
    void anEventSaysWhichCommandItAnswersAndWhatItIs() {
        byte[] appended = EventCodec.toBytes(new EventEnvelope(UUID.randomUUID(), "u1", 7, COMMAND, Instant.now(), 1,
                new MessageAppended("c1", "m1", Role.USER, List.of(new TextPart("{\"commandId\":\"not this\"}")))));
        byte[] rejected = EventCodec.toBytes(new EventEnvelope(UUID.randomUUID(), "u1", 8, COMMAND, Instant.now(), 1,
                new CommandRejected("AppendMessage", RejectionCode.NOT_FOUND, "no such conversation", null, null)));

        assertThat(EnvelopeHead.read(appended)).contains(new EnvelopeHead(COMMAND, "MessageAppended"));
        assertThat(EnvelopeHead.read(rejected)).contains(new EnvelopeHead(COMMAND, "CommandRejected"));
    }

    @Test
    void aCommandRelayedUnchangedSaysItsOwnId() {
        byte[] command = CommandCodec.toBytes(new CommandEnvelope(COMMAND, "u1", Instant.now(),
                new AppendMessage("c1", "m1", Role.USER, List.of(new TextPart("hello"))), null));

        assertThat(EnvelopeHead.read(command)).contains(new EnvelopeHead(COMMAND, "AppendMessage"));
    }

    @Test
    void bytesThatAreNoEnvelopeHaveNoHead() {
        assertThat(EnvelopeHead.read("[1,2]".getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(EnvelopeHead.read("{\"commandId\":\"not a uuid\"}".getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(EnvelopeHead.read("{\"type\":".getBytes(StandardCharsets.UTF_8))).isEmpty();
    }
}
