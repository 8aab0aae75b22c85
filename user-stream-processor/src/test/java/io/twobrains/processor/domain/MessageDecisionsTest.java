package io.twobrains.processor.domain;

import static io.twobrains.processor.domain.ChatSpec.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.twobrains.contract.command.AppendMessage;
import io.twobrains.contract.event.ConversationStarted;
import io.twobrains.contract.event.MessageAppended;
import io.twobrains.contract.event.RejectionCode;
import io.twobrains.contract.message.Part;
import io.twobrains.contract.message.Role;
import io.twobrains.contract.message.TextPart;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessageDecisionsTest {

    private static final List<Part> HELLO = List.of(new TextPart("hello"));

    @Test
    void appendingToAConversationAppendsAtTheNextPosition() {
        ChatSpec spec = given(new ConversationStarted("c1", "a"), new MessageAppended("c1", "m1", Role.USER, HELLO))
                .when(new AppendMessage("c1", "m2", Role.ASSISTANT, HELLO))
                .thenEvents(new MessageAppended("c1", "m2", Role.ASSISTANT, HELLO));
        assertThat(spec.state().appended()).extracting(Message::id, Message::position)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("m1", 1L), org.assertj.core.groups.Tuple.tuple("m2", 2L));
        assertThat(spec.state().conversation("c1")).hasValueSatisfying(c -> {
            assertThat(c.messageCount()).isEqualTo(2);
            assertThat(c.updatedAt()).isAfter(c.createdAt());
        });
    }

    @Test
    void aReusedMessageIdIsRefused() {
        given(new ConversationStarted("c1", "a"), new MessageAppended("c1", "m1", Role.USER, HELLO))
                .when(new AppendMessage("c1", "m1", Role.USER, HELLO))
                .thenRejected(RejectionCode.ALREADY_EXISTS);
    }

    @Test
    void theSameMessageIdInAnotherConversationIsFine() {
        given(new ConversationStarted("c1", "a"), new ConversationStarted("c2", "b"),
                new MessageAppended("c1", "m1", Role.USER, HELLO))
                .when(new AppendMessage("c2", "m1", Role.USER, HELLO))
                .thenEvents(new MessageAppended("c2", "m1", Role.USER, HELLO));
    }

    @Test
    void appendingToAnUnknownConversationIsNotFound() {
        given().when(new AppendMessage("c1", "m1", Role.USER, HELLO)).thenRejected(RejectionCode.NOT_FOUND);
    }

    @Test
    void aTextPartOverTheLimitIsRefused() {
        given(new ConversationStarted("c1", "a"))
                .when(new AppendMessage("c1", "m1", Role.USER, List.of(new TextPart("x".repeat(32_001)))))
                .thenRejected(RejectionCode.INVALID);
    }

    @Test
    void aTextPartAtTheLimitIsAccepted() {
        List<Part> longest = List.of(new TextPart("x".repeat(32_000)));
        given(new ConversationStarted("c1", "a"))
                .when(new AppendMessage("c1", "m1", Role.USER, longest))
                .thenEvents(new MessageAppended("c1", "m1", Role.USER, longest));
    }

    @Test
    void aMessageNeedsARoleAndAtLeastOnePart() {
        given(new ConversationStarted("c1", "a")).when(new AppendMessage("c1", "m1", Role.USER, List.of()))
                .thenRejected(RejectionCode.INVALID);
        given(new ConversationStarted("c1", "a")).when(new AppendMessage("c1", "m1", null, HELLO))
                .thenRejected(RejectionCode.INVALID);
    }
}
