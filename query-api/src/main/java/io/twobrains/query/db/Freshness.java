package io.twobrains.query.db;

import io.twobrains.query.QueryApiProperties;
import io.twobrains.service.web.ChatHeaders;
import io.twobrains.service.web.SeqWait;
import org.springframework.http.ResponseEntity;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Read-your-writes on the Postgres side: a read naming {@code X-Chat-Min-Seq} waits until the projector
 * has folded that seq of the caller, and every answer says (in {@code X-Chat-Seq}) which seq it reflects.
 */
public class Freshness {

    private final GlobalReads reads;
    private final QueryApiProperties properties;

    public Freshness(GlobalReads reads, QueryApiProperties properties) {
        this.reads = reads;
        this.properties = properties;
    }

    public <T> Mono<ResponseEntity<T>> read(String userId, ServerWebExchange exchange, Mono<T> query) {
        long minSeq = ChatHeaders.minSeq(exchange.getRequest().getHeaders().getFirst(ChatHeaders.MIN_SEQ)).orElse(0L);
        return SeqWait.until(Mono.defer(() -> reads.lastSeq(userId)), minSeq, properties.readWait())
                .flatMap(seq -> query.map(body -> ResponseEntity.ok().header(ChatHeaders.SEQ, Long.toString(seq)).body(body)));
    }
}
