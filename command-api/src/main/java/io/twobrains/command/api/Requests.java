package io.twobrains.command.api;

import io.twobrains.contract.content.Redacted;
import io.twobrains.contract.message.Part;
import io.twobrains.contract.message.Role;
import io.twobrains.contract.profile.McpTransport;
import java.util.List;
import java.util.Map;

/** Request bodies of the write API. They are checked by {@link RequestRules} before any command is built. */
final class Requests {

    private Requests() {
    }

    /** {@code POST /api/conversations}: both fields optional. */
    record CreateConversation(String id, String title) {
        @Override
        public String toString() {
            return "CreateConversation[id=" + id + ", title=" + Redacted.of(title) + "]";
        }
    }

    /** {@code PATCH /api/conversations/{id}}. */
    record RenameConversation(String title) {
        @Override
        public String toString() {
            return "RenameConversation[title=" + Redacted.of(title) + "]";
        }
    }

    /** {@code POST /api/conversations/{id}/messages}, shaped like an AI SDK UIMessage. */
    record AppendMessage(String id, Role role, List<Part> parts) {
    }

    /** {@code PUT /api/settings/api-keys/{provider}}: the key in the clear, only on its way in. */
    record StoreKey(String key, String baseUrl) {

        @Override
        public String toString() {
            return "StoreKey[key=(hidden), baseUrl=" + baseUrl + "]";
        }
    }

    /** {@code POST /api/mcp-servers}; header values are secrets, sealed before anything is sent. */
    record AddServer(String id, String name, String url, McpTransport transport, Map<String, String> headers,
            Boolean enabled) {

        @Override
        public String toString() {
            return "AddServer[id=" + id + ", name=" + name + ", url=" + url + "]";
        }
    }

    /** {@code PATCH /api/mcp-servers/{id}}: absent fields keep their value; headers, when given, replace all. */
    record ChangeServer(String name, String url, McpTransport transport, Map<String, String> headers, Boolean enabled) {

        @Override
        public String toString() {
            return "ChangeServer[name=" + name + ", url=" + url + "]";
        }
    }
}
