package io.twobrains.command.chat.provider;

import com.openai.core.RequestOptions;
import com.openai.core.Timeout;
import com.openai.core.http.Headers;
import com.openai.core.http.HttpClient;
import com.openai.core.http.HttpRequest;
import com.openai.core.http.HttpRequestBody;
import com.openai.core.http.HttpResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * The OpenAI SDK's HTTP transport, on the JDK's HTTP client. The SDK's own OkHttp transport (as Spring
 * AI 2.0.1 builds it) lets one client run 64 requests at once and queues the rest: every free user
 * shares the app's key, so the 65th concurrent generation of an instance would wait for a slot before its
 * first token. This one has no such cap; generations are bounded by {@link ChatLimits} instead.
 */
final class OpenAiTransport implements HttpClient {

    /** Headers the JDK client sets itself and refuses from callers. */
    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");

    private final java.net.http.HttpClient http;

    OpenAiTransport(Duration connectTimeout) {
        this.http = java.net.http.HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(java.net.http.HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public HttpResponse execute(HttpRequest request, RequestOptions options) {
        try {
            return executeAsync(request, options).get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new CompletionException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public CompletableFuture<HttpResponse> executeAsync(HttpRequest request, RequestOptions options) {
        URI uri = URI.create(request.url());
        java.net.http.HttpRequest.Builder builder = java.net.http.HttpRequest.newBuilder(uri)
                // Plain-HTTP endpoints (a local or fake model) get HTTP/1.1 rather than an h2c upgrade attempt.
                .version("https".equals(uri.getScheme()) ? java.net.http.HttpClient.Version.HTTP_2
                        : java.net.http.HttpClient.Version.HTTP_1_1);
        Timeout timeout = options.getTimeout();
        if (timeout != null && timeout.request() != null && !timeout.request().isZero()) {
            // Until the answer's headers: a stream's later silences are the generation's idle timeout.
            builder.timeout(timeout.request());
        }
        Headers headers = request.headers();
        for (String name : headers.names()) {
            if (!RESTRICTED.contains(name.toLowerCase())) {
                headers.values(name).forEach(value -> builder.header(name, value));
            }
        }
        HttpRequestBody body = request.body();
        if (body == null) {
            builder.method(request.method().name(), BodyPublishers.noBody());
        } else {
            builder.header("Content-Type", body.contentType());
            builder.method(request.method().name(), BodyPublishers.ofByteArray(bytes(body)));
        }
        return http.sendAsync(builder.build(), BodyHandlers.ofInputStream()).thenApply(Answer::new);
    }

    private static byte[] bytes(HttpRequestBody body) {
        try (body; ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            body.writeTo(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        // The JDK client's connections close when it is unreachable.
    }

    /** An answer as the SDK reads it. */
    private static final class Answer implements HttpResponse {

        private final java.net.http.HttpResponse<InputStream> response;
        private final Headers headers;

        Answer(java.net.http.HttpResponse<InputStream> response) {
            this.response = response;
            Headers.Builder all = Headers.builder();
            response.headers().map().forEach(all::put);
            this.headers = all.build();
        }

        @Override
        public int statusCode() {
            return response.statusCode();
        }

        @Override
        public Headers headers() {
            return headers;
        }

        @Override
        public InputStream body() {
            return response.body();
        }

        @Override
        public void close() {
            try {
                response.body().close();
            } catch (IOException e) {
                // already closed
            }
        }
    }
}
