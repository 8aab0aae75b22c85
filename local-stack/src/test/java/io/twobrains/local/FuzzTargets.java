package io.twobrains.local;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * One concrete request per endpoint for the fuzzer: the path with ids of the fuzz user's own data
 * ({@code c1}, {@code s1}) or ids nobody has ({@code fz-gone}), and a valid body to mutate.
 */
final class FuzzTargets {

    /** An endpoint, and a valid request to it. */
    record Target(String endpoint, String method, String path, String validBody) {

        boolean erases() {
            return endpoint.equals("DELETE /api/account");
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    static final String CHAT_TURN = "{\"id\":\"c1\",\"model\":\"demo\",\"trigger\":\"submit-message\",\"messages\":"
            + "[{\"id\":\"m-fuzz\",\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"text\":\"hello fuzz\"}]}]}";

    private FuzzTargets() {
    }

    static List<Target> all() {
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        return List.of(
                new Target("POST /api/conversations", "POST", "/api/conversations", "{\"id\":\"fz-new\",\"title\":\"fuzzed\"}"),
                new Target("PATCH /api/conversations/{id}", "PATCH", "/api/conversations/c1", "{\"title\":\"renamed\"}"),
                new Target("DELETE /api/conversations/{id}", "DELETE", "/api/conversations/fz-gone", null),
                new Target("POST /api/conversations/{id}/messages", "POST", "/api/conversations/c1/messages",
                        "{\"id\":\"m1\",\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"text\":\"hello\"}]}"),
                new Target("POST /api/mcp-servers", "POST", "/api/mcp-servers", "{\"name\":\"fz\",\"url\":"
                        + "\"http://localhost:1/mcp\",\"transport\":\"http\",\"headers\":{\"X-K\":\"v\"},\"enabled\":false}"),
                new Target("PATCH /api/mcp-servers/{id}", "PATCH", "/api/mcp-servers/s1", "{\"name\":\"fz2\",\"enabled\":false}"),
                new Target("DELETE /api/mcp-servers/{id}", "DELETE", "/api/mcp-servers/fz-gone", null),
                new Target("PATCH /api/settings", "PATCH", "/api/settings", "{\"theme\":\"dark\",\"chatWidth\":\"wide\"}"),
                new Target("PUT /api/settings/api-keys/{provider}", "PUT", "/api/settings/api-keys/openai",
                        "{\"key\":\"sk-fuzz-1234\"}"),
                new Target("DELETE /api/settings/api-keys/{provider}", "DELETE", "/api/settings/api-keys/anthropic", null),
                new Target("DELETE /api/account", "DELETE", "/api/account", null),
                new Target("POST /api/chat", "POST", "/api/chat", CHAT_TURN),
                new Target("POST /api/chat/{conversationId}/stop", "POST", "/api/chat/c1/stop", null),
                new Target("GET /api/chat/{conversationId}/stream", "GET", "/api/chat/c1/stream", null),
                new Target("GET /api/conversations", "GET", "/api/conversations?limit=5", null),
                new Target("GET /api/conversations/{id}", "GET", "/api/conversations/c1", null),
                new Target("GET /api/conversations/{id}/messages", "GET", "/api/conversations/c1/messages", null),
                new Target("GET /api/settings", "GET", "/api/settings", null),
                new Target("GET /api/mcp-servers", "GET", "/api/mcp-servers", null),
                new Target("GET /api/models", "GET", "/api/models", null),
                new Target("GET /api/usage", "GET", "/api/usage", null),
                new Target("GET /api/usage/stats", "GET", "/api/usage/stats?from=" + today, null),
                new Target("GET /api/admin/analytics", "GET", "/api/admin/analytics?from=" + today, null),
                new Target("POST /api/admin/content-keys/purge", "POST", "/api/admin/content-keys/purge", null),
                new Target("POST /api/admin/content-keys/reseal", "POST", "/api/admin/content-keys/reseal", null),
                new Target("GET /api/me", "GET", "/api/me", null));
    }

    /** The targets that take a body, or may be sent one; the erasure is left out, since any body erases. */
    static List<Target> writes() {
        return all().stream().filter(t -> !t.method().equals("GET") && !t.erases()).toList();
    }
}
