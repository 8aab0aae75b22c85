package io.twobrains.processor.domain;

import io.twobrains.contract.event.Event;
import io.twobrains.contract.event.RejectionCode;
import io.twobrains.contract.generation.LimitType;
import java.time.Instant;
import java.util.List;

/** What {@link Decide} makes of a command: the events it causes, or why it is refused. */
public sealed interface Decision {

    record Accepted(List<Event> events) implements Decision {
        public Accepted {
            events = List.copyOf(events);
        }
    }

    /** A refusal; a quota refusal also says which quota and when it resets. */
    record Rejected(RejectionCode code, String reason, LimitType limitType, Instant resetsAt) implements Decision {
    }

    static Decision accept(Event... events) {
        return new Accepted(List.of(events));
    }

    static Decision reject(RejectionCode code, String reason) {
        return new Rejected(code, reason, null, null);
    }

    static Decision limitReached(String reason, LimitType limitType, Instant resetsAt) {
        return new Rejected(RejectionCode.LIMIT_REACHED, reason, limitType, resetsAt);
    }
}
