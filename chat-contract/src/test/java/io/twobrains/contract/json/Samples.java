package io.twobrains.contract.json;

import io.twobrains.contract.event.CommandRejected;
import io.twobrains.contract.event.ConversationDeleted;
import io.twobrains.contract.event.ConversationRenamed;
import io.twobrains.contract.event.ConversationStarted;
import io.twobrains.contract.event.Event;
import io.twobrains.contract.event.EventEnvelope;
import io.twobrains.contract.event.MessageAppended;
import io.twobrains.contract.event.RejectionCode;
import io.twobrains.contract.event.TitleSource;
import io.twobrains.contract.message.Role;
import io.twobrains.contract.message.TextPart;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** One sample of every event type (a test fails if a new type has none). */
final class Samples {

    private Samples() {
    }

    static List<Event> payloads() {
        return List.of(
                new ConversationStarted("c1", "Trip"),
                new ConversationStarted("c2", null),
                new ConversationRenamed("c1", "Lisbon", TitleSource.AUTO),
                new ConversationDeleted("c1"),
                new MessageAppended("c1", "m1", Role.USER, List.of(new TextPart("hello"), new TextPart("é ✓ \n\""))),
                new CommandRejected("DeleteConversation", RejectionCode.NOT_FOUND, "conversation c9 not found"));
    }

    static List<EventEnvelope> events() {
        List<EventEnvelope> events = new ArrayList<>();
        long seq = 1;
        for (Event payload : payloads()) {
            events.add(new EventEnvelope(UUID.randomUUID(), "user|with odd chars", seq++, UUID.randomUUID(),
                    Instant.parse("2026-05-01T10:15:30.123Z"), PayloadTypes.currentVersion(payload.getClass()), payload));
        }
        return events;
    }
}
