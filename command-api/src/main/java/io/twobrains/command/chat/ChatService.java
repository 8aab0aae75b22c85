package io.twobrains.command.chat;

import io.twobrains.command.api.CommandIds;
import io.twobrains.crypto.ContentKeys;
import io.twobrains.service.security.ChatUser;
import java.time.Duration;
import java.util.Optional;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A chat turn, as the chat API asks for it: start one ({@link TurnStart}: the generation is started on
 * the user's partition, then run here by {@link GenerationLauncher}, which saves it and titles a new
 * conversation), follow the generation running in a conversation, here or on another node, and stop it
 * wherever it runs.
 */
@Service
public class ChatService {

    private final TurnStart turns;
    private final ProcessorReads reads;
    private final Generations generations;
    private final DeltaFollower follower;
    private final ControlSignals stopSignals;
    /** The users' data keys: a generation followed from {@code chat.deltas} is opened with them. */
    private final ContentKeys keys;

    ChatService(TurnStart turns, ProcessorReads reads, Generations generations, DeltaFollower follower,
            ControlSignals stopSignals, ContentKeys keys) {
        this.turns = turns;
        this.reads = reads;
        this.generations = generations;
        this.follower = follower;
        this.stopSignals = stopSignals;
        this.keys = keys;
    }

    /** Starts a generation; its run goes on whatever happens to the request that started it. */
    public Mono<GenerationRun> chat(ChatUser user, ChatRequest request, CommandIds.Identity identity) {
        return turns.start(user, request, identity);
    }

    /**
     * The generation running in a conversation on another instance, followed through {@code chat.deltas};
     * empty if none runs.
     */
    public Mono<Flux<String>> followElsewhere(String userId, String conversationId) {
        return reads.context(userId, conversationId, 1_000, 0)
                .flatMap(context -> context.running().isEmpty() ? Mono.empty()
                        : keys.forReading(userId).map(cipher -> follower.follow(cipher, conversationId,
                                context.running().get(0).generationId(), context.running().get(0).startedAt())));
    }

    /**
     * Stops the generation of a conversation wherever it runs, and completes once it is saved (or after
     * {@code wait}): here directly, elsewhere through {@code chat.control}.
     */
    public Mono<Void> stop(String userId, String conversationId, Duration wait) {
        Optional<GenerationRun> here = generations.find(userId, conversationId).filter(GenerationRun::isRunning);
        if (here.isPresent()) {
            here.get().stop();
            return here.get().follow().then().timeout(wait).onErrorResume(e -> Mono.empty());
        }
        return reads.context(userId, conversationId, 1_000, 0)
                .flatMap(context -> context.running().isEmpty() ? Mono.<Void>empty()
                        : stopSignals.requestStop(userId, conversationId, context.running().get(0).generationId())
                                .then(ended(userId, conversationId).timeout(wait).onErrorResume(e -> Mono.empty())));
    }

    /** Completes when the conversation has no running generation (as the processor sees it). */
    private Mono<Void> ended(String userId, String conversationId) {
        return reads.context(userId, conversationId, 1_000, 0)
                .filter(context -> context.running().isEmpty())
                .repeatWhenEmpty(repeat -> repeat.delayElements(Duration.ofMillis(200)))
                .then();
    }

    /** The run of a conversation, if this instance has one. */
    public Optional<GenerationRun> running(String userId, String conversationId) {
        return generations.find(userId, conversationId);
    }
}
