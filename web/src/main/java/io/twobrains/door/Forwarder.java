package io.twobrains.door;

import io.netty.channel.ChannelOption;
import io.twobrains.service.problem.Problems;
import io.twobrains.service.web.ChatHeaders;
import java.net.URI;
import java.time.Duration;
import java.util.Set;
import org.apache.kafka.streams.state.HostInfo;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.HttpProtocol;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * Passes a request on to another node and streams its answer back as it comes (a page, or a reply's
 * server-sent events), over HTTP/2 without TLS: a few pooled connections per node carry every
 * forwarded request at once. The caller's verified token goes along as a bearer token (never a
 * browser's cookie), so the other node checks the same identity.
 */
final class Forwarder {

    /** Connection-level headers, and those the forwarder sets itself. */
    private static final Set<String> NOT_PASSED = Set.of("connection", "keep-alive", "proxy-connection",
            "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade", "host", "cookie", "authorization",
            "http2-settings", ChatHeaders.FORWARDED.toLowerCase());
    private static final Set<String> NOT_RETURNED = Set.of("connection", "keep-alive", "transfer-encoding", "trailer",
            "upgrade", "set-cookie");

    private final WebClient client;
    private final String self;

    /** @param self this node as others reach it: marks what it forwards, so nobody sends it on again */
    Forwarder(WebClient.Builder builder, String self) {
        HttpClient http = HttpClient.create(ConnectionProvider.builder("nodes").maxConnections(64)
                        .pendingAcquireMaxCount(-1).maxIdleTime(Duration.ofMinutes(5)).build())
                .protocol(HttpProtocol.H2C)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 2_000);
        this.client = builder.clone().clientConnector(new ReactorClientHttpConnector(http)).build();
        this.self = self;
    }

    Mono<Void> forward(ServerWebExchange exchange, HostInfo owner, String bearer) {
        ServerHttpRequest request = exchange.getRequest();
        ServerHttpResponse response = exchange.getResponse();
        URI target = URI.create("http://" + owner.host() + ":" + owner.port() + request.getURI().getRawPath()
                + (request.getURI().getRawQuery() == null ? "" : "?" + request.getURI().getRawQuery()));
        return client.method(request.getMethod()).uri(target)
                .headers(headers -> {
                    request.getHeaders().forEach((name, values) -> {
                        if (!NOT_PASSED.contains(name.toLowerCase())) {
                            headers.put(name, values);
                        }
                    });
                    headers.setBearerAuth(bearer);
                    headers.set(ChatHeaders.FORWARDED, self);
                })
                .body(BodyInserters.fromDataBuffers(request.getBody()))
                .exchangeToMono(answer -> {
                    response.setStatusCode(answer.statusCode());
                    answer.headers().asHttpHeaders().forEach((name, values) -> {
                        if (!NOT_RETURNED.contains(name.toLowerCase())) {
                            response.getHeaders().put(name, values);
                        }
                    });
                    // Every piece is flushed as it comes: a reply's events must not wait for the next one.
                    Flux<DataBuffer> body = answer.bodyToFlux(DataBuffer.class);
                    return response.writeAndFlushWith(body.map(Flux::just));
                })
                .onErrorResume(error -> !response.isCommitted(), error -> unreachable(exchange));
    }

    private static Mono<Void> unreachable(ServerWebExchange exchange) {
        HttpHeaders headers = exchange.getResponse().getHeaders();
        headers.clear();
        headers.set(HttpHeaders.RETRY_AFTER, "1");
        return Problems.write(exchange, Problems.of(HttpStatus.SERVICE_UNAVAILABLE,
                "the node that holds your data cannot be reached right now; retry shortly"));
    }
}
