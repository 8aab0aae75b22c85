package io.twobrains.door;

import org.springframework.http.HttpMethod;

/**
 * Which requests must be answered by the node that holds the caller's partition: everything about
 * conversations, messages and completions, the live feed, the quota (kept where it is enforced), and
 * every write (a write is a command, answered by the processor that decides it). Reads of the global
 * brain (settings, usage per day, models, analytics) come from Postgres and are answered wherever they
 * arrive.
 */
final class PerUserRequests {

    private PerUserRequests() {
    }

    static boolean test(HttpMethod method, String path) {
        if (!path.startsWith("/api/")) {
            return false;
        }
        if (under(path, "/api/conversations") || under(path, "/api/chat") || under(path, "/api/events")
                || path.equals("/api/usage")) {
            return true;
        }
        return !(HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method) || HttpMethod.OPTIONS.equals(method));
    }

    private static boolean under(String path, String prefix) {
        return path.equals(prefix) || path.startsWith(prefix + "/");
    }
}
