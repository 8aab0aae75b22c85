package io.twobrains.processor.domain;

import io.twobrains.contract.command.CommandEnvelope;
import io.twobrains.contract.event.CommandRejected;
import io.twobrains.contract.event.Event;
import io.twobrains.contract.event.EventEnvelope;
import io.twobrains.contract.json.PayloadTypes;
import io.twobrains.contract.reply.Reply;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * One command, start to finish, as a pure function: decide, stamp the events with seqs, fold them
 * with evolve, and derive the reply. The topology only loads the slice and stores what comes out.
 */
public final class Handle {

    /** The events a command caused (at least one), the state after them, and the reply to send. */
    public record Handled(List<EventEnvelope> events, Slice state, Reply reply) {
    }

    private Handle() {
    }

    public static Handled handle(CommandEnvelope command, Slice state, DecisionContext context) {
        Decision decision = Decide.decide(command.payload(), state, context);
        List<Event> events = decision instanceof Decision.Rejected rejected
                ? List.of(new CommandRejected(command.type(), rejected.code(), rejected.reason(), rejected.limitType(),
                        rejected.resetsAt()))
                : ((Decision.Accepted) decision).events();
        List<EventEnvelope> stamped = stamp(command, state.user().seq(), events, context.now());
        Slice next = state;
        for (EventEnvelope event : stamped) {
            next = Evolve.evolve(next, event);
        }
        return new Handled(stamped, next, Replies.after(stamped.get(stamped.size() - 1), next));
    }

    /**
     * Event ids are derived from the command id, so a command that is processed again after a
     * crash (its transaction aborted) yields the very same events.
     */
    static List<EventEnvelope> stamp(CommandEnvelope command, long lastSeq, List<Event> events, Instant now) {
        Instant at = now.truncatedTo(ChronoUnit.MILLIS);
        List<EventEnvelope> stamped = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            Event event = events.get(i);
            UUID eventId = UUID.nameUUIDFromBytes((command.commandId() + "#" + i).getBytes(StandardCharsets.UTF_8));
            stamped.add(new EventEnvelope(eventId, command.userId(), lastSeq + i + 1, command.commandId(), at,
                    PayloadTypes.currentVersion(event.getClass()), event));
        }
        return stamped;
    }
}
