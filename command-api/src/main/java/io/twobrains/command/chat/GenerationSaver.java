package io.twobrains.command.chat;

import io.twobrains.command.kafka.CommandBus;
import io.twobrains.contract.command.CommandEnvelope;
import io.twobrains.contract.command.CompleteGeneration;
import io.twobrains.contract.command.StartGeneration;
import io.twobrains.contract.content.CommandContent;
import io.twobrains.contract.content.ContentCipher;
import io.twobrains.service.problem.ApiProblem;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Saves a generation when its run ends, sealed for the assistant message it becomes: retried while the
 * processor is away (idempotently: the command id comes from the generation), for up to two minutes.
 */
@Component
class GenerationSaver {

    private static final Logger LOG = LoggerFactory.getLogger(GenerationSaver.class);
    private static final Duration SAVE_RETRY_FOR = Duration.ofMinutes(2);

    private final CommandBus bus;
    private final Clock clock;

    GenerationSaver(CommandBus bus, Clock clock) {
        this.bus = bus;
        this.clock = clock;
    }

    /** Completes once the processor has the generation (or refused it, which is logged), or gave up. */
    Mono<Void> save(String userId, StartGeneration start, GenerationRun.Outcome outcome, ContentCipher cipher) {
        String generationId = start.generationId();
        UUID commandId = UUID.nameUUIDFromBytes(("complete\n" + userId + "\n" + generationId).getBytes(StandardCharsets.UTF_8));
        CompleteGeneration complete = CommandContent.sealReply(cipher, start.conversationId(), start.messageId(),
                new CompleteGeneration(generationId, outcome.finishReason(), outcome.usage(), outcome.latencyMs(),
                        outcome.ending(), outcome.parts(), outcome.error()));
        return bus.send(new CommandEnvelope(commandId, userId, clock.instant(), complete, null))
                .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(200)).maxBackoff(Duration.ofSeconds(5))
                        .filter(error -> error instanceof ApiProblem problem && problem.getStatusCode().value() == 503)
                        .doBeforeRetry(signal -> LOG.warn("saving generation {} is retried: {}", generationId,
                                signal.failure().getMessage())))
                .timeout(SAVE_RETRY_FOR)
                .doOnNext(reply -> {
                    if (!reply.isAccepted()) {
                        LOG.warn("generation {} was not saved: {}", generationId, reply.reason());
                    }
                })
                .then();
    }
}
