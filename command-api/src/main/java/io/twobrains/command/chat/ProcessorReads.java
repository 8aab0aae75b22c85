package io.twobrains.command.chat;

import io.twobrains.contract.view.ChatContextView;
import io.twobrains.processor.ProcessorProperties;
import io.twobrains.processor.kafka.UserLocator;
import io.twobrains.service.problem.ApiProblem;
import io.twobrains.service.web.SeqWait;
import java.time.Duration;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Reads a generation's context from the per-user brain, in this process: a completion runs on the node
 * that holds the user's state (requests for a user are sent there), so this is a read of the local
 * store, never a call over the network.
 */
@Component
class ProcessorReads {

    private final UserLocator locator;
    private final Duration readWait;

    ProcessorReads(UserLocator locator, ProcessorProperties properties) {
        this.locator = locator;
        this.readWait = properties.readWait();
    }

    /** The context as of {@code minSeq} at least (waiting up to the read wait for it). */
    Mono<ChatContextView> context(String userId, String conversationId, int maxChars, long minSeq) {
        return Mono.defer(() -> locator.here(userId)
                        .map(reader -> SeqWait.until(Mono.fromCallable(() -> reader.user(userId).seq()), minSeq, readWait)
                                .map(seq -> reader.context(userId, conversationId, maxChars, 1_000)))
                        .orElseGet(() -> Mono.error(moving())))
                .onErrorMap(InvalidStateStoreException.class, e -> moving());
    }

    private static ApiProblem moving() {
        return ApiProblem.unavailable("the conversation is moving to another node; retry shortly", 1);
    }
}
