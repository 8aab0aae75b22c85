package io.twobrains.query.api;

import io.twobrains.processor.ProcessorProperties;
import io.twobrains.processor.kafka.UserLocator;
import io.twobrains.processor.store.ChatReader;
import io.twobrains.processor.store.Cursors;
import io.twobrains.service.problem.ApiProblem;
import io.twobrains.service.web.ChatHeaders;
import io.twobrains.service.web.SeqWait;
import java.time.Duration;
import java.util.function.Function;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Reads of a user's state from the per-user brain's store on this node: a request for a user reaches
 * the node that holds the user's partition (the node sends it there), so a read is a lookup or a short
 * range scan of a local store, done on the request's own thread. It waits for {@code X-Chat-Min-Seq}
 * (up to the read wait) and says which seq it reflects; while the partition moves it is a 503.
 */
@Component
class LocalReads {

    private final UserLocator locator;
    private final Duration readWait;

    LocalReads(UserLocator locator, ProcessorProperties properties) {
        this.locator = locator;
        this.readWait = properties.readWait();
    }

    <T> Mono<ResponseEntity<T>> read(String userId, String minSeqHeader, Function<ChatReader, T> query) {
        long minSeq = ChatHeaders.minSeq(minSeqHeader).orElse(0L);
        return Mono.defer(() -> {
                    ChatReader reader = locator.here(userId).orElseThrow(LocalReads::moving);
                    return SeqWait.until(Mono.fromCallable(() -> reader.user(userId).seq()), minSeq, readWait)
                            .map(seq -> ResponseEntity.ok().header(ChatHeaders.SEQ, Long.toString(seq))
                                    .body(query.apply(reader)));
                })
                .onErrorMap(InvalidStateStoreException.class, e -> moving())
                .onErrorMap(Cursors.InvalidCursorException.class, e -> ApiProblem.badRequest(e.getMessage()));
    }

    static ApiProblem moving() {
        return ApiProblem.unavailable("your data is moving between nodes; retry shortly", 1);
    }
}
