package io.twobrains.bench;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/** The load generator's HTTP: one pooled Reactor Netty client per front, calls with a bearer token. */
final class HttpCalls {

    /** Enough connections for an open loop's requests in flight at a few thousand per second and 100 ms. */
    static final int CONNECTIONS = 512;

    private HttpCalls() {
    }

    static HttpClient client(URI base, int connections) {
        ConnectionProvider pool = ConnectionProvider.builder("bench").maxConnections(connections)
                .pendingAcquireMaxCount(-1).build();
        return HttpClient.create(pool).baseUrl(base.toString()).responseTimeout(Duration.ofSeconds(30));
    }

    /** A JSON POST; emits the answer's status once its body has been read. */
    static Mono<Integer> post(HttpClient http, String token, String path, String json, Map<String, String> headers) {
        return http.headers(h -> {
                    h.set(HttpHeaderNames.AUTHORIZATION, "Bearer " + token).set(HttpHeaderNames.CONTENT_TYPE, "application/json");
                    headers.forEach(h::set);
                })
                .post().uri(path)
                .send(ByteBufFlux.fromString(Mono.just(json), StandardCharsets.UTF_8, ByteBufAllocator.DEFAULT))
                .responseSingle((response, body) -> body.then(Mono.just(response.status().code())));
    }

    static Mono<Integer> post(HttpClient http, String token, String path, String json) {
        return post(http, token, path, json, Map.of());
    }

    /** A GET; emits the answer's status once its body has been read. */
    static Mono<Integer> get(HttpClient http, String token, String path) {
        return http.headers(h -> h.set(HttpHeaderNames.AUTHORIZATION, "Bearer " + token))
                .get().uri(path)
                .responseSingle((response, body) -> body.then(Mono.just(response.status().code())));
    }

    /** A GET's body, for a check before measuring. */
    static String body(HttpClient http, String token, String path) {
        return http.headers(h -> h.set(HttpHeaderNames.AUTHORIZATION, "Bearer " + token)).get().uri(path)
                .responseSingle((response, content) -> content.asString()).block(Duration.ofSeconds(60));
    }
}
