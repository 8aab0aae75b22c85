package io.twobrains.processor.domain;

import static io.twobrains.processor.domain.ChatSpec.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.twobrains.contract.command.AppendMessage;
import io.twobrains.contract.command.DeleteConversation;
import io.twobrains.contract.command.RenameConversation;
import io.twobrains.contract.command.StartConversation;
import io.twobrains.contract.event.ConversationDeleted;
import io.twobrains.contract.event.ConversationRenamed;
import io.twobrains.contract.event.ConversationStarted;
import io.twobrains.contract.event.MessageAppended;
import io.twobrains.contract.event.RejectionCode;
import io.twobrains.contract.event.TitleSource;
import io.twobrains.contract.message.Role;
import io.twobrains.contract.message.TextPart;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConversationDecisionsTest {

    @Test
    void startingANewConversationStartsIt() {
        given().when(new StartConversation("c1", "Trip plans"))
                .thenEvents(new ConversationStarted("c1", "Trip plans"));
    }

    @Test
    void startingAConversationWithoutTitleLeavesItUntitled() {
        ChatSpec spec = given().when(new StartConversation("c1", null)).thenEvents(new ConversationStarted("c1", null));
        assertThat(spec.state().conversation("c1")).hasValueSatisfying(c -> assertThat(c.title()).isNull());
    }

    @Test
    void startingAnExistingConversationIsRefused() {
        given(new ConversationStarted("c1", "a")).when(new StartConversation("c1", "b"))
                .thenRejected(RejectionCode.ALREADY_EXISTS);
    }

    @Test
    void aTitleOverEightyCharactersIsRefused() {
        given().when(new StartConversation("c1", "x".repeat(81))).thenRejected(RejectionCode.INVALID);
        given(new ConversationStarted("c1", "a")).when(new RenameConversation("c1", "x".repeat(81)))
                .thenRejected(RejectionCode.INVALID);
    }

    @Test
    void aTitleOfExactlyEightyCharactersIsAccepted() {
        given().when(new StartConversation("c1", "x".repeat(80))).thenEvents(new ConversationStarted("c1", "x".repeat(80)));
    }

    @Test
    void aMalformedConversationIdIsRefused() {
        given().when(new StartConversation("has space", null)).thenRejected(RejectionCode.INVALID);
        given().when(new StartConversation("x".repeat(65), null)).thenRejected(RejectionCode.INVALID);
    }

    @Test
    void renamingByTheUserIsAManualRename() {
        ChatSpec spec = given(new ConversationStarted("c1", "old")).when(new RenameConversation("c1", "new"))
                .thenEvents(new ConversationRenamed("c1", "new", TitleSource.MANUAL));
        assertThat(spec.state().conversation("c1")).hasValueSatisfying(c -> {
            assertThat(c.title()).isEqualTo("new");
            assertThat(c.titleSource()).isEqualTo(TitleSource.MANUAL);
        });
    }

    @Test
    void renamingWithoutATitleIsRefused() {
        given(new ConversationStarted("c1", "old")).when(new RenameConversation("c1", null))
                .thenRejected(RejectionCode.INVALID);
        given(new ConversationStarted("c1", "old")).when(new RenameConversation("c1", "  "))
                .thenRejected(RejectionCode.INVALID);
    }

    @Test
    void renamingOrDeletingAnUnknownConversationIsNotFound() {
        given().when(new RenameConversation("nope", "t")).thenRejected(RejectionCode.NOT_FOUND);
        given().when(new DeleteConversation("nope")).thenRejected(RejectionCode.NOT_FOUND);
    }

    @Test
    void aDeletedConversationIsGoneWithItsMessages() {
        ChatSpec spec = given(
                new ConversationStarted("c1", "a"),
                new MessageAppended("c1", "m1", Role.USER, List.of(new TextPart("hi"))))
                .when(new DeleteConversation("c1"))
                .thenEvents(new ConversationDeleted("c1"));
        assertThat(spec.state().conversation("c1")).isEmpty();
        assertThat(spec.state().messageIdTaken("c1", "m1")).isFalse();
        assertThat(spec.state().user().conversations()).isZero();
        assertThat(spec.state().user().messages()).isZero();
        spec.when(new AppendMessage("c1", "m2", Role.USER, List.of(new TextPart("again"))))
                .thenRejected(RejectionCode.NOT_FOUND);
    }

    @Test
    void aDeletedConversationIdCanBeStartedAgain() {
        given(new ConversationStarted("c1", "a"), new ConversationDeleted("c1"))
                .when(new StartConversation("c1", "b"))
                .thenEvents(new ConversationStarted("c1", "b"));
    }
}
