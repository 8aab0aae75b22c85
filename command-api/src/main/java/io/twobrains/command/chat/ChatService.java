package io.twobrains.command.chat;

import io.twobrains.command.CommandApiProperties;
import io.twobrains.command.api.Answers;
import io.twobrains.command.api.CommandIds;
import io.twobrains.command.chat.provider.DemoChatModel;
import io.twobrains.command.kafka.CommandBus;
import io.twobrains.contract.MessageIds;
import io.twobrains.contract.content.CommandContent;
import io.twobrains.contract.content.ContentCipher;
import io.twobrains.contract.content.ContentPlace;
import io.twobrains.contract.content.SealedContent;
import io.twobrains.crypto.ContentKeys;
import io.twobrains.processor.lease.NodeIdentity;
import io.twobrains.contract.command.Command;
import io.twobrains.contract.command.CommandEnvelope;
import io.twobrains.contract.command.CompleteGeneration;
import io.twobrains.contract.command.StartGeneration;
import io.twobrains.contract.command.TitleConversation;
import io.twobrains.contract.message.Role;
import io.twobrains.contract.model.Model;
import io.twobrains.contract.model.ModelCatalog;
import io.twobrains.contract.reply.Reply;
import io.twobrains.contract.view.ChatContextView;
import io.twobrains.contract.view.MessageView;
import io.twobrains.service.problem.ApiProblem;
import io.twobrains.service.security.ChatUser;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * A chat turn, start to finish: read the context from the per-user brain, check the model and the
 * limits, start the generation on the user's partition (which appends the user's message and takes
 * the quota, atomically), run the model, save the reply, and title a new conversation.
 */
@Service
public class ChatService {

    private static final Logger LOG = LoggerFactory.getLogger(ChatService.class);
    private static final Duration SAVE_RETRY_FOR = Duration.ofMinutes(2);
    /** How long a start may take to be decided before the processor is presumed away (the request itself gets 503 sooner). */
    private static final Duration START_PATIENCE = Duration.ofMinutes(2);
    /** Model calls per reply: the first, and at most four more after tool results. */
    static final int MAX_STEPS = 5;

    private final ProcessorReads reads;
    private final ModelGateway gateway;
    private final CommandBus bus;
    private final Generations generations;
    private final ChatLimits limits;
    private final DeltaLog deltas;
    private final ChatProperties properties;
    private final Clock clock;
    private final McpTools mcpTools;
    private final DeltaFollower follower;
    private final CommandApiProperties commandApi;
    private final ControlSignals stopSignals;
    /** This node process: it runs the generations it starts, and the processor knows it as their runner. */
    private final NodeIdentity node;
    /** The users' data keys: content is sealed before it leaves this process, and opened when it comes back. */
    private final ContentKeys keys;

    ChatService(ProcessorReads reads, ModelGateway gateway, CommandBus bus, Generations generations, ChatLimits limits,
            DeltaLog deltas, ChatProperties properties, Clock clock, McpTools mcpTools, DeltaFollower follower,
            CommandApiProperties commandApi, ControlSignals stopSignals, NodeIdentity node, ContentKeys keys) {
        this.node = node;
        this.keys = keys;
        this.commandApi = commandApi;
        this.stopSignals = stopSignals;
        this.mcpTools = mcpTools;
        this.follower = follower;
        this.reads = reads;
        this.gateway = gateway;
        this.bus = bus;
        this.generations = generations;
        this.limits = limits;
        this.deltas = deltas;
        this.properties = properties;
        this.clock = clock;
    }

    /** Starts a reply; the run goes on whatever happens to the request that started it. */
    public Mono<GenerationRun> chat(ChatUser user, ChatRequest request, CommandIds.Identity identity) {
        limits.admitRequest(user.id());
        return keys.forWriting(user.id()).flatMap(cipher -> reads.context(user.id(), request.conversationId(),
                        historyBudget(request), 0)
                .map(context -> SealedContent.open(cipher, request.conversationId(), context))
                .flatMap(context -> begin(user, request, identity, context, cipher)));
    }

    /**
     * The reply running in a conversation on another instance, followed through {@code chat.deltas};
     * empty if none runs.
     */
    public Mono<Flux<String>> followElsewhere(String userId, String conversationId) {
        return reads.context(userId, conversationId, 1_000, 0)
                .flatMap(context -> context.running().isEmpty() ? Mono.empty()
                        : keys.forReading(userId).map(cipher -> follower.follow(cipher, conversationId,
                                context.running().get(0).generationId(), context.running().get(0).startedAt())));
    }

    /**
     * Stops the reply of a conversation wherever it runs, and completes once it is saved (or after
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

    /** Completes when the conversation has no running reply (as the processor sees it). */
    private Mono<Void> ended(String userId, String conversationId) {
        return reads.context(userId, conversationId, 1_000, 0)
                .filter(context -> context.running().isEmpty())
                .repeatWhenEmpty(repeat -> repeat.delayElements(Duration.ofMillis(200)))
                .then();
    }

    /** History worth reading: no more than the named model's window holds (the prompt is cut to it anyway). */
    private int historyBudget(ChatRequest request) {
        return request.model()
                .map(model -> (int) Math.min(properties.historyChars(), PromptHistory.budgetChars(model)))
                .orElse(properties.historyChars());
    }

    /** The run of a conversation, if this instance has one. */
    public Optional<GenerationRun> running(String userId, String conversationId) {
        return generations.find(userId, conversationId);
    }

    private Mono<GenerationRun> begin(ChatUser user, ChatRequest request, CommandIds.Identity identity,
            ChatContextView context, ContentCipher cipher) {
        Model model = request.model()
                .or(() -> ModelCatalog.builtIn().find(context.selectedModel()))
                .orElseGet(() -> ModelCatalog.builtIn().find(ModelCatalog.builtIn().defaultModel()).orElseThrow());
        Target target = gateway.target(model, context);
        String generationId = identity.newResourceId();
        Optional<GenerationRun> here = generations.find(user.id(), request.conversationId()).filter(GenerationRun::isRunning);
        if (here.isPresent() && !here.get().identity().generationId().equals(generationId)) {
            throw conflict(request.conversationId());
        }
        List<MessageView> history = new ArrayList<>(context.history());
        String regenerates = null;
        if (request.trigger() == ChatRequest.Trigger.REGENERATE) {
            if (context.conversation() == null) {
                throw ApiProblem.notFound("conversation " + request.conversationId() + " not found");
            }
            regenerates = regenerationTarget(request, history);
            if (regenerates != null) {
                cutAt(history, regenerates);
            }
        }
        String messageId = MessageIds.minted("a" + generationId);
        StartGeneration.Prompt prompt = request.trigger() == ChatRequest.Trigger.SUBMIT
                ? new StartGeneration.Prompt(request.messageId() == null ? MessageIds.minted("u" + generationId) : request.messageId(),
                        request.parts())
                : null;
        StartGeneration start = new StartGeneration(generationId, request.conversationId(), model.id(), model.provider(),
                user.plan(), messageId, prompt, true, regenerates, node.instance());
        limits.acquire(user.id());
        String regenerated = regenerates;
        Mono<GenerationRun> started = bus.send(new CommandEnvelope(identity.commandId(), user.id(), clock.instant(),
                        CommandContent.seal(cipher, start), identity.fingerprint()), START_PATIENCE)
                .flatMap(reply -> {
                    Answers.of(reply, HttpStatus.OK, r -> r);
                    long expected = context.seq() + 1 + (prompt == null ? 0 : 1) + (context.conversation() == null ? 1 : 0);
                    if (reply.seq() == expected) {
                        if (prompt != null) {
                            history.add(new MessageView(prompt.messageId(), Role.USER, prompt.parts(), clock.instant()));
                        }
                        return Mono.just(history);
                    }
                    // Something else was written meanwhile: read the history again, as of this start.
                    return reads.context(user.id(), request.conversationId(), historyBudget(request), reply.seq())
                            .map(fresh -> {
                                List<MessageView> again = new ArrayList<>(
                                        SealedContent.open(cipher, request.conversationId(), fresh).history());
                                if (regenerated != null) {
                                    cutAt(again, regenerated);
                                }
                                return again;
                            });
                })
                .map(prompts -> launch(user, start, target, context, prompts, prompt, cipher))
                // Until the run owns the slot (it releases it when it ends), a failure here gives it back.
                .doOnError(error -> limits.release(user.id()));
        // Once sent, the start runs to its end even if the client goes away or its answer times out: a
        // generation the processor started always gets a run (a retry with the same Idempotency-Key, or
        // GET /api/chat/{id}/stream, then finds it).
        return Mono.fromFuture(started.toFuture(), true)
                .timeout(commandApi.replyTimeout(), Mono.error(() -> ApiProblem.unavailable("the reply is starting slowly;"
                        + " follow it with GET /api/chat/" + request.conversationId() + "/stream, or retry with the same"
                        + " Idempotency-Key", 1)));
    }

    private GenerationRun launch(ChatUser user, StartGeneration start, Target target, ChatContextView context,
            List<MessageView> history, StartGeneration.Prompt prompt, ContentCipher cipher) {
        Optional<GenerationRun> existing = generations.find(user.id(), start.conversationId())
                .filter(run -> run.identity().generationId().equals(start.generationId()));
        if (existing.isPresent()) {
            // A retry of a start that already runs here (same Idempotency-Key): follow it, do not run it twice.
            limits.release(user.id());
            return existing.get();
        }
        GenerationRun run = new GenerationRun(new GenerationRun.Identity(user.id(), start.conversationId(),
                start.generationId(), start.messageId(), target.model().id(), target.model().provider(), target.byok()),
                (userId, conversationId, generationId, index, chunkJson) -> deltas.append(userId, conversationId,
                        generationId, index, cipher.seal(chunkJson, new ContentPlace.Chunk(conversationId, generationId, index))));
        generations.add(run);
        List<Message> messages = PromptHistory.of(history, target.model(), LocalDate.now(clock.withZone(ZoneOffset.UTC)));
        boolean needsTitle = prompt != null
                && (context.conversation() == null || context.conversation().title() == null);
        boolean toolsAllowed = target.model().capabilities().contains("tools");
        Flux<ModelOutput> outputs = Flux.usingWhen(
                toolsAllowed ? mcpTools.open(user.id(), context.mcpServers()) : Mono.just(McpTools.Toolbox.empty()),
                box -> Flux.fromIterable(box.unreachable())
                        .map(name -> (ModelOutput) new ModelOutput.Notice("warning",
                                "the MCP server " + name + " could not be reached; its tools are not available"))
                        .concatWith(steps(user.id(), target, messages, context, box, 1)),
                box -> Mono.fromRunnable(box::close));
        run.start(outputs,
                properties.firstTokenTimeout(), properties.idleTimeout(), properties.maxDuration(),
                outcome -> save(user.id(), start, outcome, cipher),
                () -> {
                    generations.remove(run);
                    limits.release(user.id());
                    if (needsTitle) {
                        title(user.id(), target, context, start.conversationId(), PromptHistory.userText(prompt.parts()),
                                cipher);
                    }
                });
        return run;
    }

    /**
     * One step: the model's output; if it asked for tools (and there are steps left), the tools' results
     * and then the next step, which sees them. At most {@link #MAX_STEPS} model calls per reply.
     */
    private Flux<ModelOutput> steps(String userId, Target target, List<Message> messages,
            ChatContextView context, McpTools.Toolbox box, int step) {
        List<ModelOutput.Call> calls = new CopyOnWriteArrayList<>();
        StringBuilder text = new StringBuilder();
        return gateway.stream(userId, target, messages, context.reasoningEffort(), context, box.definitions())
                .doOnNext(output -> {
                    if (output instanceof ModelOutput.ToolCalls asked) {
                        calls.addAll(asked.calls());
                    } else if (output instanceof ModelOutput.Text delta) {
                        text.append(delta.delta());
                    }
                })
                .concatWith(Flux.defer(() -> {
                    if (calls.isEmpty() || box.isEmpty()) {
                        return Flux.empty();
                    }
                    if (step >= MAX_STEPS) {
                        return Flux.fromIterable(calls).map(call -> (ModelOutput) new ModelOutput.ToolFailure(call.id(),
                                "not run: a reply may take at most " + MAX_STEPS + " steps"));
                    }
                    return Flux.fromIterable(calls).concatMap(box::call).collectList().flatMapMany(results -> {
                        List<Message> next = new ArrayList<>(messages);
                        next.add(AssistantMessage.builder().content(text.toString())
                                .toolCalls(calls.stream().map(call -> new AssistantMessage.ToolCall(call.id(), "function",
                                        call.name(), call.arguments().toString())).toList())
                                .build());
                        List<ToolResponseMessage.ToolResponse> responses = new ArrayList<>();
                        for (int i = 0; i < calls.size(); i++) {
                            ModelOutput result = results.get(i);
                            String data = result instanceof ModelOutput.ToolResult ok
                                    ? (ok.output().isString() ? ok.output().asString() : ok.output().toString())
                                    : "error: " + ((ModelOutput.ToolFailure) result).error();
                            responses.add(new ToolResponseMessage.ToolResponse(calls.get(i).id(), calls.get(i).name(), data));
                        }
                        next.add(ToolResponseMessage.builder().responses(responses).build());
                        return Flux.fromIterable(results)
                                .concatWith(Flux.just(new ModelOutput.NextStep()))
                                .concatWith(steps(userId, target, next, context, box, step + 1));
                    });
                }));
    }

    /** Saves a reply; retried (idempotently: the command id comes from the generation) until the processor has it. */
    private Mono<Void> save(String userId, StartGeneration start, GenerationRun.Outcome outcome, ContentCipher cipher) {
        String generationId = start.generationId();
        UUID commandId = UUID.nameUUIDFromBytes(("complete\n" + userId + "\n" + generationId).getBytes(StandardCharsets.UTF_8));
        CompleteGeneration complete = CommandContent.sealReply(cipher, start.conversationId(), start.messageId(),
                new CompleteGeneration(generationId, outcome.finishReason(), outcome.usage(), outcome.latencyMs(),
                        outcome.ending(), outcome.parts(), outcome.error()));
        return send(userId, commandId, null, complete)
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

    /** A short title for a new conversation, from the model (or the first words, if it fails). Best effort. */
    private void title(String userId, Target target, ChatContextView context, String conversationId,
            String userText, ContentCipher cipher) {
        String ask = "Write a title of 2 to 6 words, at most 80 characters, for a chat that begins with the message"
                + " below. Answer with the title only.\n" + userText;
        gateway.call(userId, target, List.of(new UserMessage(ask)), context)
                .timeout(Duration.ofSeconds(30))
                .map(ChatService::cleanTitle)
                .onErrorResume(error -> Mono.just(""))
                .map(title -> title.isBlank() ? DemoChatModel.title(userText) : title)
                // The id comes from the conversation alone: an id derived from the title would be a hash of content.
                .flatMap(title -> send(userId, UUID.nameUUIDFromBytes(("title\n" + userId + "\n" + conversationId)
                        .getBytes(StandardCharsets.UTF_8)), null, CommandContent.seal(cipher,
                        new TitleConversation(conversationId, title))))
                .subscribe(reply -> { }, error -> LOG.debug("no title for {}: {}", conversationId, error.toString()));
    }

    static String cleanTitle(String raw) {
        String title = raw.replaceAll("\\p{Cc}", " ").strip()
                .replaceAll("^[\"'“”«»*#\\s]+|[\"'“”«»*.\\s]+$", "").replaceAll("\\s+", " ");
        if (title.length() > 80) {
            title = title.substring(0, 80).strip();
        }
        return title;
    }

    private Mono<Reply> send(String userId, UUID commandId, String fingerprint, Command command) {
        return bus.send(new CommandEnvelope(commandId, userId, clock.instant(), command, fingerprint));
    }

    /**
     * The reply to regenerate: the one named (it must be in the history; the processor accepts only the
     * last message), or else the last message if it is a reply. When the conversation ends with the
     * user's message (its reply failed), there is nothing to replace: a reply to it is generated.
     */
    private static String regenerationTarget(ChatRequest request, List<MessageView> history) {
        if (request.messageId() != null) {
            if (history.stream().noneMatch(m -> m.id().equals(request.messageId()) && PromptHistory.isAssistant(m))) {
                throw ApiProblem.notFound("no assistant message " + request.messageId() + " to regenerate");
            }
            return request.messageId();
        }
        if (history.isEmpty()) {
            throw ApiProblem.badRequest("there is no reply to regenerate in this conversation");
        }
        MessageView last = history.get(history.size() - 1);
        return PromptHistory.isAssistant(last) ? last.id() : null;
    }

    /** The history a regenerated reply answers: everything before the reply it replaces. */
    private static void cutAt(List<MessageView> history, String messageId) {
        for (int i = 0; i < history.size(); i++) {
            if (history.get(i).id().equals(messageId)) {
                history.subList(i, history.size()).clear();
                return;
            }
        }
    }

    private static ApiProblem conflict(String conversationId) {
        return new ApiProblem(HttpStatus.CONFLICT, "a reply is already being generated in conversation " + conversationId
                + "; GET /api/chat/" + conversationId + "/stream follows it");
    }


}
