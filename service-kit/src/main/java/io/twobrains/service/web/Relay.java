package io.twobrains.service.web;

import java.net.URI;
import java.util.List;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Passes a GET on to another service and streams its answer back unchanged: status, body, and the
 * headers that matter. The caller's token goes along, so the other side checks the same identity.
 */
public final class Relay {

    private static final List<String> REQUEST_HEADERS = List.of(
            HttpHeaders.AUTHORIZATION, HttpHeaders.ACCEPT, ChatHeaders.MIN_SEQ);
    private static final List<String> RESPONSE_HEADERS = List.of(
            HttpHeaders.CONTENT_TYPE, HttpHeaders.RETRY_AFTER, HttpHeaders.WWW_AUTHENTICATE, ChatHeaders.SEQ);

    private final WebClient client;

    public Relay(WebClient client) {
        this.client = client;
    }

    public Mono<ResponseEntity<Flux<DataBuffer>>> get(URI target, ServerWebExchange exchange, HttpHeaders extra) {
        HttpHeaders incoming = exchange.getRequest().getHeaders();
        return client.get().uri(target)
                .headers(headers -> {
                    REQUEST_HEADERS.forEach(name -> {
                        List<String> values = incoming.get(name);
                        if (values != null) {
                            headers.put(name, values);
                        }
                    });
                    headers.addAll(extra);
                })
                .retrieve()
                .onStatus(status -> true, response -> Mono.empty())
                .toEntityFlux(DataBuffer.class)
                .map(Relay::keepRelevantHeaders);
    }

    /** The target of a relayed request: same path and query, another base URI. */
    public static URI target(URI base, ServerWebExchange exchange, String path) {
        String query = exchange.getRequest().getURI().getRawQuery();
        return URI.create(base.toString().replaceAll("/$", "") + path + (query == null ? "" : "?" + query));
    }

    private static ResponseEntity<Flux<DataBuffer>> keepRelevantHeaders(ResponseEntity<Flux<DataBuffer>> response) {
        HttpHeaders headers = new HttpHeaders();
        RESPONSE_HEADERS.forEach(name -> {
            List<String> values = response.getHeaders().get(name);
            if (values != null) {
                headers.put(name, values);
            }
        });
        return ResponseEntity.status(response.getStatusCode()).headers(headers).body(response.getBody());
    }
}
