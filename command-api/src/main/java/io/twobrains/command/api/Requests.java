package io.twobrains.command.api;

import io.twobrains.contract.message.Part;
import io.twobrains.contract.message.Role;
import java.util.List;

/** Request bodies of the write API. They are checked by {@link RequestRules} before any command is built. */
final class Requests {

    private Requests() {
    }

    /** {@code POST /api/conversations}: both fields optional. */
    record CreateConversation(String id, String title) {
    }

    /** {@code PATCH /api/conversations/{id}}. */
    record RenameConversation(String title) {
    }

    /** {@code POST /api/conversations/{id}/messages}, shaped like an AI SDK UIMessage. */
    record AppendMessage(String id, Role role, List<Part> parts) {
    }
}
