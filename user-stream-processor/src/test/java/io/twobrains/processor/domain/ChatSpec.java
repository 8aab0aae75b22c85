package io.twobrains.processor.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.twobrains.contract.command.Command;
import io.twobrains.contract.command.CommandEnvelope;
import io.twobrains.contract.event.CommandRejected;
import io.twobrains.contract.event.Event;
import io.twobrains.contract.event.EventEnvelope;
import io.twobrains.contract.event.RejectionCode;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** given(events) / when(command) / then(events or rejection), over the pure core only. */
final class ChatSpec {

    static final String USER = "user-1";
    static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

    private Slice state = Slice.empty();
    private Instant clock = T0;
    private QuotaPlans plans = QuotaPlans.standard();
    private Handle.Handled handled;

    static ChatSpec given(Event... history) {
        ChatSpec spec = new ChatSpec();
        for (Event event : history) {
            spec.apply(event);
        }
        return spec;
    }

    private void apply(Event event) {
        long seq = state.user().seq() + 1;
        EventEnvelope envelope = new EventEnvelope(UUID.randomUUID(), USER, seq, UUID.randomUUID(), tick(), 1, event);
        state = Evolve.evolve(state, envelope);
    }

    ChatSpec when(Command command) {
        return when(new CommandEnvelope(UUID.randomUUID(), USER, clock, command, null));
    }

    ChatSpec withPlans(QuotaPlans quotaPlans) {
        this.plans = quotaPlans;
        return this;
    }

    /** Moves the clock (the next command or event happens after this). */
    ChatSpec at(Instant instant) {
        this.clock = instant;
        return this;
    }

    ChatSpec when(CommandEnvelope command) {
        handled = Handle.handle(command, state, new DecisionContext(tick(), plans));
        state = handled.state();
        return this;
    }

    ChatSpec thenEvents(Event... expected) {
        assertThat(handled.events()).extracting(EventEnvelope::payload).containsExactly(expected);
        assertThat(handled.reply().isAccepted()).isTrue();
        return this;
    }

    /** Folds more events into the state, as if they had happened since. */
    ChatSpec and(Event... history) {
        for (Event event : history) {
            apply(event);
        }
        return this;
    }

    ChatSpec thenRejected(RejectionCode code) {
        assertThat(handled.events()).hasSize(1);
        assertThat(handled.events().get(0).payload()).isInstanceOfSatisfying(CommandRejected.class,
                rejected -> assertThat(rejected.code()).isEqualTo(code));
        assertThat(handled.reply().code()).isEqualTo(code);
        return this;
    }

    Slice state() {
        return state;
    }

    Handle.Handled handled() {
        return handled;
    }

    List<EventEnvelope> events() {
        return handled.events();
    }

    private Instant tick() {
        clock = clock.plusSeconds(1);
        return clock;
    }
}
