package io.twobrains.testkit;

import io.twobrains.contract.json.ChatJson;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** A plain HTTP client for tests that talk to the running system as any API client would. */
public final class ApiClient {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    private final URI base;
    private final String token;
    private final Map<String, String> headers;

    public ApiClient(URI base, String token) {
        this(base, token, Map.of());
    }

    private ApiClient(URI base, String token, Map<String, String> headers) {
        this.base = base;
        this.token = token;
        this.headers = headers;
    }

    public ApiClient withToken(String otherToken) {
        return new ApiClient(base, otherToken, headers);
    }

    public ApiClient withHeader(String name, String value) {
        Map<String, String> next = new LinkedHashMap<>(headers);
        next.put(name, value);
        return new ApiClient(base, token, next);
    }

    public Response get(String path) {
        return send("GET", path, null);
    }

    public Response post(String path, Object body) {
        return send("POST", path, body);
    }

    public Response patch(String path, Object body) {
        return send("PATCH", path, body);
    }

    public Response delete(String path) {
        return send("DELETE", path, null);
    }

    /** Sends {@code body} without a Content-Length (chunked), as a streaming client would. */
    public Response postChunked(String path, byte[] body) {
        return send("POST", path, HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)), true);
    }

    /** Sends a request and reads the answer as a server-sent event stream, as it arrives. */
    public SseStream stream(String method, String path, Object body) {
        byte[] bytes = body == null ? null
                : body instanceof String text ? text.getBytes(StandardCharsets.UTF_8)
                : ChatJson.MAPPER.writeValueAsBytes(body);
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .method(method, bytes == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(bytes))
                .header("Accept", "text/event-stream");
        if (bytes != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        headers.forEach(request::header);
        try {
            return new SseStream(HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream()));
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Sends {@code body} as JSON: a String is sent as it is (so tests can send broken JSON), anything else is serialised. */
    public Response send(String method, String path, Object body) {
        byte[] bytes = body == null ? null
                : body instanceof String text ? text.getBytes(StandardCharsets.UTF_8)
                : body instanceof byte[] raw ? raw
                : ChatJson.MAPPER.writeValueAsBytes(body);
        return send(method, path,
                bytes == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(bytes),
                bytes != null);
    }

    private Response send(String method, String path, HttpRequest.BodyPublisher body, boolean json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body);
        if (json) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        headers.forEach(request::header);
        try {
            HttpResponse<byte[]> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Response(response.statusCode(), response.headers().map(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** An answer: status, headers, and the body as bytes, text or JSON. */
    public record Response(int status, Map<String, List<String>> headers, byte[] body) {

        public String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream())
                    .findFirst().orElse(null);
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public JsonNode json() {
            return ChatJson.MAPPER.readTree(body);
        }

        public long seq() {
            return Long.parseLong(header("X-Chat-Seq"));
        }

        @Override
        public String toString() {
            return status + " " + text();
        }
    }
}
