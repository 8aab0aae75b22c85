package io.twobrains.command.api;

import io.twobrains.contract.ContentRules;
import io.twobrains.service.problem.ApiProblem;
import java.util.Optional;

/** The API's 400s: the same content rules the processor enforces, applied before anything is sent. */
final class RequestRules {

    private RequestRules() {
    }

    static void require(Optional<String> violation) {
        violation.ifPresent(detail -> {
            throw ApiProblem.badRequest(detail);
        });
    }

    static void conversationId(String id) {
        require(ContentRules.validId("conversation id", id));
    }

    static void create(Requests.CreateConversation request) {
        require(ContentRules.first(
                request.id() == null ? Optional.empty() : ContentRules.validId("conversation id", request.id()),
                ContentRules.titleFits(request.title())));
    }

    static void rename(Requests.RenameConversation request) {
        require(request.title() == null ? Optional.of("title is required") : ContentRules.titleFits(request.title()));
    }

    static void append(Requests.AppendMessage request) {
        require(ContentRules.first(
                request.id() == null ? Optional.empty() : ContentRules.validId("message id", request.id()),
                request.role() == null ? Optional.of("role is required") : Optional.empty(),
                ContentRules.partsFit(request.parts())));
    }
}
