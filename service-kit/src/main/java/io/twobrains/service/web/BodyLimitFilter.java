package io.twobrains.service.web;

import io.twobrains.contract.Limits;
import io.twobrains.service.problem.Problems;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Refuses a declared body over the limit before reading a byte of it. Bodies without a length are
 * held to the same limit by the codecs ({@link ServiceWebConfiguration}) and by {@code POST /api/chat}.
 * After the answer, the server would still read the refused body to reach the connection's next
 * request: it does so only for a body at most {@link #DRAIN_AT_MOST} over the limit, and closes the
 * connection instead of reading a larger one (a client declaring gigabytes gets its 413 and the end).
 */
public class BodyLimitFilter implements WebFilter, Ordered {

    /** How much of a refused body past the limit the server reads (and discards) to keep the connection. */
    public static final long DRAIN_AT_MOST = Limits.MAX_BODY_BYTES;

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        long length = exchange.getRequest().getHeaders().getContentLength();
        long limit = limitFor(exchange.getRequest().getPath().value());
        if (length > limit) {
            if (length - limit > DRAIN_AT_MOST) {
                exchange.getResponse().getHeaders().set(HttpHeaders.CONNECTION, "close");
            }
            return Problems.write(exchange, Problems.of(HttpStatus.CONTENT_TOO_LARGE,
                    "the request body is larger than " + limit / 1024 + " KiB"));
        }
        return chain.filter(exchange);
    }

    /**
     * A chat request carries the client's whole conversation (the AI SDK sends it, though only the new
     * message is used), so it may be larger than any other body.
     */
    public static long limitFor(String path) {
        return path.equals("/api/chat") ? Limits.MAX_CHAT_BODY_BYTES : Limits.MAX_BODY_BYTES;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
