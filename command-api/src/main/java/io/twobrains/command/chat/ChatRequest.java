package io.twobrains.command.chat;

import io.twobrains.contract.ContentRules;
import io.twobrains.contract.MessageIds;
import io.twobrains.contract.Limits;
import io.twobrains.contract.message.Part;
import io.twobrains.contract.message.TextPart;
import io.twobrains.contract.model.Model;
import io.twobrains.contract.model.ModelCatalog;
import io.twobrains.service.problem.ApiProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * The body of {@code POST /api/chat} as the AI SDK's default chat transport sends it:
 * {@code {id, messages, trigger, messageId?}} plus an optional {@code model}. Only the new user message
 * is taken from it; the history the client sends is never trusted.
 *
 * @param messageId  the user's new message id (submit), or the assistant message to replace (regenerate)
 * @param parts      the user's new message (submit only)
 */
public record ChatRequest(String conversationId, Trigger trigger, String messageId, List<Part> parts, Optional<Model> model) {

    enum Trigger { SUBMIT, REGENERATE }

    public static ChatRequest parse(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ApiProblem.badRequest("the body must be a JSON object {id, messages, trigger}");
        }
        String conversationId = text(body, "id");
        ContentRules.validId("id (the conversation id)", conversationId).ifPresent(ChatRequest::bad);
        Trigger trigger = switch (Optional.ofNullable(text(body, "trigger")).orElse("submit-message")) {
            case "submit-message" -> Trigger.SUBMIT;
            case "regenerate-message" -> Trigger.REGENERATE;
            default -> throw bad("trigger must be submit-message or regenerate-message");
        };
        Optional<Model> model = Optional.ofNullable(text(body, "model")).map(id -> ModelCatalog.builtIn().find(id)
                .orElseThrow(() -> bad("unknown model " + id + " (GET /api/models lists them)")));
        JsonNode messages = body.get("messages");
        if (messages != null && !messages.isArray()) {
            throw bad("messages must be an array of UI messages");
        }
        if (trigger == Trigger.REGENERATE) {
            String target = text(body, "messageId");
            if (target != null) {
                ContentRules.validId("messageId", target).ifPresent(ChatRequest::bad);
            }
            return new ChatRequest(conversationId, trigger, target, List.of(), model);
        }
        if (messages == null || messages.isEmpty()) {
            throw bad("messages must end with the user's new message");
        }
        JsonNode last = messages.get(messages.size() - 1);
        if (!last.isObject() || !"user".equals(text(last, "role"))) {
            throw bad("the last message must be the user's new message (role user)");
        }
        String messageId = text(last, "id");
        if (messageId != null && !messageId.isEmpty()) {
            MessageIds.clientChosen("the message id", messageId).ifPresent(ChatRequest::bad);
        } else {
            messageId = null;
        }
        List<Part> parts = userParts(last.get("parts"));
        ContentRules.userPartsFit(parts).ifPresent(ChatRequest::bad);
        if (parts.stream().allMatch(p -> ((TextPart) p).text().isBlank())) {
            throw bad("the message has no text");
        }
        return new ChatRequest(conversationId, trigger, messageId, parts, model);
    }

    private static List<Part> userParts(JsonNode parts) {
        if (parts == null || !parts.isArray() || parts.isEmpty()) {
            throw bad("the user's message needs parts, like [{\"type\": \"text\", \"text\": \"...\"}]");
        }
        if (parts.size() > Limits.MAX_PARTS) {
            throw bad("a message has at most " + Limits.MAX_PARTS + " parts");
        }
        List<Part> out = new ArrayList<>();
        for (JsonNode part : parts) {
            String type = part.isObject() ? text(part, "type") : null;
            if ("step-start".equals(type)) {
                continue;
            }
            if (!"text".equals(type) || !part.path("text").isString()) {
                throw bad("only text parts are supported in a user message (got " + (type == null ? "none" : type) + ")");
            }
            out.add(new TextPart(part.get("text").asString()));
        }
        return out;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            throw bad(field + " must be a string");
        }
        return value.asString();
    }

    private static ApiProblem bad(String detail) {
        throw ApiProblem.badRequest(detail);
    }
}
