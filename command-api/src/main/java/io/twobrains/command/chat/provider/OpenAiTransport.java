package io.twobrains.command.chat.provider;

import com.openai.core.RequestOptions;
import com.openai.core.Timeout;
import com.openai.core.http.Headers;
import com.openai.core.http.HttpClient;
import com.openai.core.http.HttpRequest;
import com.openai.core.http.HttpRequestBody;
import com.openai.core.http.HttpResponse;
import io.netty.channel.ChannelOption;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.HttpProtocol;
import reactor.netty.resources.ConnectionProvider;

/**
 * The OpenAI SDK's HTTP transport, on Reactor Netty. The SDK's own OkHttp transport (as Spring AI
 * 2.0.1 builds it) lets one client run 64 requests at once and queues the rest: every free user
 * shares the app's key, so the 65th concurrent generation of an instance would wait for a slot
 * before its first token. This one has no such cap; generations are bounded by the chat limits
 * instead. It is Reactor Netty rather than the JDK's client because only Reactor Netty lets a
 * connection be pinned to addresses resolved and checked beforehand (ADR 11): the same transport
 * runs on the pinned client for a user's endpoint and on a plain one for the deployment's.
 */
final class OpenAiTransport implements HttpClient {

    /** Headers the connector sets itself. */
    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade",
            "transfer-encoding");

    private final WebClient web;

    OpenAiTransport(reactor.netty.http.client.HttpClient http) {
        this.web = WebClient.builder().clientConnector(new ReactorClientHttpConnector(http)).build();
    }

    /** A client for the deployment's own endpoints: HTTP/2 where TLS offers it, HTTP/1.1 otherwise. */
    static reactor.netty.http.client.HttpClient plainHttp() {
        ConnectionProvider connections = ConnectionProvider.builder("openai")
                .maxConnections(10_000)
                .pendingAcquireMaxCount(-1)
                .maxIdleTime(Duration.ofSeconds(60))
                .build();
        return reactor.netty.http.client.HttpClient.create(connections)
                .protocol(HttpProtocol.H2, HttpProtocol.HTTP11)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
                .followRedirect(false);
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
        WebClient.RequestBodySpec call = web.method(HttpMethod.valueOf(request.method().name()))
                .uri(URI.create(request.url()))
                .headers(headers -> {
                    Headers sdk = request.headers();
                    for (String name : sdk.names()) {
                        if (!RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
                            headers.addAll(name, sdk.values(name));
                        }
                    }
                });
        HttpRequestBody body = request.body();
        WebClient.RequestHeadersSpec<?> ready = body == null ? call
                : call.header("Content-Type", body.contentType()).bodyValue(bytes(body));
        // Every status is an answer for the SDK to read (it maps errors itself), not a WebClient error.
        Mono<HttpResponse> answer = ready.retrieve()
                .onStatus(status -> true, response -> Mono.empty())
                .toEntityFlux(DataBuffer.class)
                .<HttpResponse>map(Answer::new)
                // The SDK reads a whole answer (an error, a one-shot call) on the thread that completes the
                // future: never the event loop, which that read would wait for.
                .publishOn(Schedulers.boundedElastic());
        Timeout timeout = options.getTimeout();
        if (timeout != null && timeout.request() != null && !timeout.request().isZero()) {
            // Until the answer's headers: a stream's later silences are the generation's idle timeout.
            answer = answer.timeout(timeout.request());
        }
        return answer.toFuture();
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
        // The connection pool outlives any one SDK client.
    }

    /** An answer as the SDK reads it: the body streams as it arrives; closing it lets the connection go. */
    private static final class Answer implements HttpResponse {

        private final int status;
        private final Headers headers;
        private final InputStream body;

        Answer(ResponseEntity<Flux<DataBuffer>> entity) {
            this.status = entity.getStatusCode().value();
            Headers.Builder all = Headers.builder();
            entity.getHeaders().forEach(all::put);
            this.headers = all.build();
            Flux<DataBuffer> content = entity.getBody() == null ? Flux.empty() : entity.getBody();
            this.body = new StreamedBody(content);
        }

        @Override
        public int statusCode() {
            return status;
        }

        @Override
        public Headers headers() {
            return headers;
        }

        @Override
        public InputStream body() {
            return body;
        }

        @Override
        public void close() {
            try {
                body.close();
            } catch (IOException e) {
                // already closed
            }
        }
    }
}
