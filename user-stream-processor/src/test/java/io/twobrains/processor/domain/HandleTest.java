package io.twobrains.processor.domain;

import static io.twobrains.processor.domain.ChatSpec.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.twobrains.contract.command.CommandEnvelope;
import io.twobrains.contract.command.RenameConversation;
import io.twobrains.contract.command.StartConversation;
import io.twobrains.contract.event.ConversationStarted;
import io.twobrains.contract.event.EventEnvelope;
import io.twobrains.contract.event.RejectionCode;
import io.twobrains.contract.reply.Reply;
import io.twobrains.contract.view.ConversationView;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class HandleTest {

    @Test
    void seqsAreGaplessAcrossAcceptedAndRejectedCommands() {
        ChatSpec spec = given(new ConversationStarted("c1", "a"));
        spec.when(new StartConversation("c1", "again")).thenRejected(RejectionCode.ALREADY_EXISTS);
        assertThat(spec.events()).extracting(EventEnvelope::seq).containsExactly(2L);
        spec.when(new StartConversation("c2", null));
        assertThat(spec.events()).extracting(EventEnvelope::seq).containsExactly(3L);
        assertThat(spec.handled().reply().seq()).isEqualTo(3L);
        assertThat(spec.state().user().seq()).isEqualTo(3L);
    }

    @Test
    void theReplyCarriesTheResourceAsTheCommandLeftIt() {
        ChatSpec spec = given(new ConversationStarted("c1", "a")).when(new RenameConversation("c1", "b"));
        Reply reply = spec.handled().reply();
        assertThat(reply.isAccepted()).isTrue();
        assertThat(reply.conversation()).satisfies(view -> {
            assertThat(view.id()).isEqualTo("c1");
            assertThat(view.title()).isEqualTo("b");
        });
    }

    @Test
    void aCommandHandledTwiceFromTheSameStateYieldsTheSameEvents() {
        CommandEnvelope command = new CommandEnvelope(UUID.randomUUID(), ChatSpec.USER, Instant.now(),
                new StartConversation("c1", "t"), null);
        Instant now = Instant.parse("2026-02-01T00:00:00Z");
        Handle.Handled first = Handle.handle(command, Slice.empty(), DecisionContext.at(now));
        Handle.Handled second = Handle.handle(command, Slice.empty(), DecisionContext.at(now));
        assertThat(second.events()).isEqualTo(first.events());
    }

    @Test
    void aRepeatedCommandGetsTheFirstReplyAndAChangedOneIsRefused() {
        UUID id = UUID.randomUUID();
        Reply first = Reply.accepted(id, ChatSpec.USER, 7, null, null, null, null);
        Idempotency.Outcome outcome = new Idempotency.Outcome("fp-1", first);
        CommandEnvelope same = new CommandEnvelope(id, ChatSpec.USER, Instant.now(), new StartConversation("c1", null), "fp-1");
        CommandEnvelope changed = new CommandEnvelope(id, ChatSpec.USER, Instant.now(), new StartConversation("c1", null), "fp-2");

        assertThat(Idempotency.repeat(same, Optional.of(outcome), 9)).contains(first);
        assertThat(Idempotency.repeat(changed, Optional.of(outcome), 9)).hasValueSatisfying(reply -> {
            assertThat(reply.code()).isEqualTo(RejectionCode.IDEMPOTENCY_MISMATCH);
            assertThat(reply.seq()).isEqualTo(9);
        });
        assertThat(Idempotency.repeat(same, Optional.empty(), 9)).isEmpty();
    }
}
