package io.twobrains.command.chat;

import io.twobrains.contract.generation.Ending;
import io.twobrains.contract.generation.TokenUsage;
import io.twobrains.contract.json.ChatJson;
import io.twobrains.contract.message.Part;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.node.ObjectNode;

/**
 * One generation: the model's answer being produced. It runs on its own, apart from any HTTP
 * request: the client that asked for it, a reload, or a second device only follow it, each from the
 * first chunk, so nobody sees text twice or misses any. When the model is done (or fails, or is
 * stopped) the generation is saved through the processor, and only then does the stream say
 * {@code finish}: a client told a generation is finished can rely on finding it saved.
 */
public final class GenerationRun {

    /** What a run needs to know about itself. */
    record Identity(String userId, String conversationId, String generationId, String messageId, String model,
            String provider, boolean byok) {
    }

    /** How a run ended, for the caller to save. */
    record Outcome(Ending ending, String finishReason, TokenUsage usage, long latencyMs, List<Part> parts, String error,
            String text) {
    }

    private final Identity identity;
    private final ChunkHistory history = new ChunkHistory();
    /** Copy-on-write: a follower that ends while a chunk is handed to it leaves the list during the loop. */
    private final List<Sinks.Many<String>> followers = new CopyOnWriteArrayList<>();
    private boolean closed;
    private final GenerationBuilder builder;
    private final DeltaSink deltas;
    private final AtomicBoolean ended = new AtomicBoolean();
    private final long startedNanos = System.nanoTime();
    private long index;
    private TokenUsage usage = TokenUsage.NONE;
    private String finishReason = "stop";
    private volatile Disposable upstream;
    private volatile Function<Outcome, Mono<Void>> save;
    private volatile Runnable whenDone;

    GenerationRun(Identity identity, DeltaSink deltas) {
        this.identity = identity;
        this.deltas = deltas;
        this.builder = new GenerationBuilder(this::emit);
        emit(UiChunks.start(identity.messageId(), metadata()));
    }

    Identity identity() {
        return identity;
    }

    /**
     * Every chunk from the first (compacted: {@link ChunkHistory}), then the live ones, as SSE payloads;
     * ends with {@code [DONE]}.
     */
    public synchronized Flux<String> follow() {
        List<String> sofar = history.replay();
        if (closed) {
            return Flux.fromIterable(sofar).concatWith(Flux.just(UiChunks.DONE));
        }
        Sinks.Many<String> live = Sinks.many().unicast().onBackpressureBuffer();
        followers.add(live);
        return Flux.fromIterable(sofar).concatWith(live.asFlux()).doFinally(signal -> unfollow(live));
    }

    private synchronized void unfollow(Sinks.Many<String> follower) {
        followers.remove(follower);
    }

    public boolean isRunning() {
        return !ended.get();
    }

    /**
     * Runs the model's outputs to the end, then saves the generation with {@code save} (which must retry
     * until the processor has it), then finishes the stream.
     */
    void start(Flux<ModelOutput> outputs, Duration firstToken, Duration idle, Duration max,
            Function<Outcome, Mono<Void>> save, Runnable whenDone) {
        this.save = save;
        this.whenDone = whenDone;
        upstream = outputs
                .timeout(Mono.delay(firstToken), item -> Mono.delay(idle))
                .takeUntilOther(Mono.delay(max).doOnNext(tick -> finishReason = "length"))
                .subscribe(this::onOutput,
                        error -> end(Ending.FAILED, ProviderErrors.describe(error, identity.provider()), save, whenDone),
                        () -> end(Ending.COMPLETED, null, save, whenDone));
    }

    /**
     * Stops the model; what was produced is kept. The reply ends first and the model's stream is let go
     * on a thread that may block: the OpenAI SDK's close waits for its reader, which holds the stream's
     * lock until the provider sends its next byte, and a provider may stay silent for a long while (a
     * model thinking). Disposing here would hold the caller, an HTTP event loop, for all that time.
     */
    public void stop() {
        Disposable running = upstream;
        if (running != null && !ended.get()) {
            end(Ending.CANCELLED, null, save, whenDone);
            Schedulers.boundedElastic().schedule(running::dispose);
        }
    }

    private synchronized void onOutput(ModelOutput output) {
        if (ended.get()) {
            return;
        }
        if (output instanceof ModelOutput.Text text) {
            builder.text(text.delta());
        } else if (output instanceof ModelOutput.Reasoning reasoning) {
            builder.reasoning(reasoning.delta());
        } else if (output instanceof ModelOutput.ToolCalls calls) {
            calls.calls().forEach(call -> builder.toolCall(call.id(), call.name(), call.arguments()));
        } else if (output instanceof ModelOutput.ToolResult result) {
            builder.toolResult(result.callId(), result.output());
        } else if (output instanceof ModelOutput.ToolFailure failure) {
            builder.toolError(failure.callId(), failure.error());
        } else if (output instanceof ModelOutput.NextStep) {
            builder.startStep();
        } else if (output instanceof ModelOutput.Notice notice) {
            emit(UiChunks.notice(notice.level(), notice.text()));
        } else if (output instanceof ModelOutput.Usage counted) {
            usage = new TokenUsage(usage.input() + counted.usage().input(), usage.output() + counted.usage().output(),
                    usage.reasoning() + counted.usage().reasoning());
        } else if (output instanceof ModelOutput.Finish finish) {
            finishReason = finish.reason();
        }
    }

    private void end(Ending ending, String error, Function<Outcome, Mono<Void>> saveWith, Runnable done) {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        Outcome outcome;
        synchronized (this) {
            builder.finishStep();
            long latency = Duration.ofNanos(System.nanoTime() - startedNanos).toMillis();
            String reason = ending == Ending.FAILED ? "error" : ending == Ending.CANCELLED ? "stop" : finishReason;
            outcome = new Outcome(ending, reason, usage, latency, builder.parts(), error, builder.plainText());
        }
        saveWith.apply(outcome).subscribe(null,
                failure -> close(UiChunks.error("the reply could not be saved: " + failure.getMessage()), done),
                () -> close(switch (ending) {
                    case COMPLETED -> UiChunks.finish(finishMetadata(outcome));
                    case FAILED -> UiChunks.error(error);
                    case CANCELLED -> UiChunks.abort();
                }, done));
    }

    private void close(ObjectNode last, Runnable done) {
        synchronized (this) {
            emit(last);
            closed = true;
            for (Sinks.Many<String> follower : followers) {
                follower.tryEmitNext(UiChunks.DONE);
                follower.tryEmitComplete();
            }
            followers.clear();
        }
        done.run();
    }

    private synchronized void emit(ObjectNode chunk) {
        String json = ChatJson.MAPPER.writeValueAsString(chunk);
        history.add(chunk, json);
        for (Sinks.Many<String> follower : followers) {
            follower.tryEmitNext(json);
        }
        deltas.append(identity.userId(), identity.conversationId(), identity.generationId(), index++, json);
    }

    private ObjectNode metadata() {
        return ChatJson.MAPPER.createObjectNode().put("generationId", identity.generationId())
                .put("model", identity.model()).put("provider", identity.provider()).put("byok", identity.byok());
    }

    private ObjectNode finishMetadata(Outcome outcome) {
        ObjectNode metadata = metadata().put("finishReason", outcome.finishReason()).put("latencyMs", outcome.latencyMs());
        metadata.putObject("usage").put("inputTokens", outcome.usage().input()).put("outputTokens", outcome.usage().output())
                .put("reasoningTokens", outcome.usage().reasoning()).put("totalTokens", outcome.usage().total());
        return metadata;
    }
}
