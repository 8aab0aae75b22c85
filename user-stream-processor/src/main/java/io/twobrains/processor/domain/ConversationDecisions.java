package io.twobrains.processor.domain;

import static io.twobrains.contract.event.RejectionCode.ALREADY_EXISTS;
import static io.twobrains.contract.event.RejectionCode.INVALID;
import static io.twobrains.contract.event.RejectionCode.NOT_FOUND;

import io.twobrains.contract.ContentRules;
import io.twobrains.contract.command.AppendMessage;
import io.twobrains.contract.command.DeleteConversation;
import io.twobrains.contract.command.RenameConversation;
import io.twobrains.contract.command.StartConversation;
import io.twobrains.contract.event.ConversationDeleted;
import io.twobrains.contract.event.ConversationRenamed;
import io.twobrains.contract.event.ConversationStarted;
import io.twobrains.contract.event.MessageAppended;
import io.twobrains.contract.event.TitleSource;
import java.util.Optional;

/** Decisions about conversations and their messages. */
final class ConversationDecisions {

    private ConversationDecisions() {
    }

    static Decision start(StartConversation command, Slice state) {
        Optional<String> invalid = ContentRules.first(
                ContentRules.validId("conversation id", command.conversationId()),
                ContentRules.titleFits(command.title()));
        if (invalid.isPresent()) {
            return Decision.reject(INVALID, invalid.get());
        }
        if (state.conversation(command.conversationId()).isPresent()) {
            return Decision.reject(ALREADY_EXISTS, "conversation " + command.conversationId() + " exists");
        }
        return Decision.accept(new ConversationStarted(command.conversationId(), command.title()));
    }

    static Decision rename(RenameConversation command, Slice state) {
        Optional<String> invalid = ContentRules.first(
                ContentRules.validId("conversation id", command.conversationId()),
                command.title() == null ? Optional.of("title is required") : ContentRules.titleFits(command.title()));
        if (invalid.isPresent()) {
            return Decision.reject(INVALID, invalid.get());
        }
        if (state.conversation(command.conversationId()).isEmpty()) {
            return notFound(command.conversationId());
        }
        return Decision.accept(new ConversationRenamed(command.conversationId(), command.title(), TitleSource.MANUAL));
    }

    static Decision delete(DeleteConversation command, Slice state) {
        if (state.conversation(command.conversationId()).isEmpty()) {
            return notFound(command.conversationId());
        }
        return Decision.accept(new ConversationDeleted(command.conversationId()));
    }

    static Decision append(AppendMessage command, Slice state) {
        Optional<String> invalid = ContentRules.first(
                ContentRules.validId("conversation id", command.conversationId()),
                ContentRules.validId("message id", command.messageId()),
                command.role() == null ? Optional.of("role is required") : Optional.empty(),
                ContentRules.partsFit(command.parts()));
        if (invalid.isPresent()) {
            return Decision.reject(INVALID, invalid.get());
        }
        if (state.conversation(command.conversationId()).isEmpty()) {
            return notFound(command.conversationId());
        }
        if (state.messageIdTaken(command.conversationId(), command.messageId())) {
            return Decision.reject(ALREADY_EXISTS, "message " + command.messageId() + " exists");
        }
        return Decision.accept(new MessageAppended(
                command.conversationId(), command.messageId(), command.role(), command.parts()));
    }

    /** Another user's conversation and a missing one get the same answer: nothing leaks across users. */
    static Decision notFound(String conversationId) {
        return Decision.reject(NOT_FOUND, "conversation " + conversationId + " not found");
    }
}
