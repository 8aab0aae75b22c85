package io.twobrains.command.chat;

import io.twobrains.command.CommandApiProperties;
import io.twobrains.command.api.Answers;
import io.twobrains.command.api.CommandIds;
import io.twobrains.command.kafka.CommandBus;
import io.twobrains.contract.MessageIds;
import io.twobrains.contract.command.CommandEnvelope;
import io.twobrains.contract.command.StartGeneration;
import io.twobrains.contract.content.CommandContent;
import io.twobrains.contract.content.ContentCipher;
import io.twobrains.contract.content.SealedContent;
import io.twobrains.contract.message.Role;
import io.twobrains.contract.model.Model;
import io.twobrains.contract.model.ModelCatalog;
import io.twobrains.contract.view.ChatContextView;
import io.twobrains.contract.view.MessageView;
import io.twobrains.crypto.ContentKeys;
import io.twobrains.processor.lease.NodeIdentity;
import io.twobrains.service.problem.ApiProblem;
import io.twobrains.service.security.ChatUser;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The start of a chat turn: read the context from the per-user brain, check the model and the limits,
 * and start the generation on the user's partition, which appends the user's message and takes the
 * quota, atomically. Once the processor has started it, the generation runs here ({@link GenerationLauncher}),
 * with the history it answers.
 */
@Component
class TurnStart {

    /** How long a start may take to be decided before the processor is presumed away (the request itself gets 503 sooner). */
    private static final Duration START_PATIENCE = Duration.ofMinutes(2);

    private final ProcessorReads reads;
    private final ModelGateway gateway;
    private final CommandBus bus;
    private final Generations generations;
    private final ChatLimits limits;
    private final ChatProperties properties;
    private final Clock clock;
    private final CommandApiProperties commandApi;
    /** This node process: it runs the generations it starts, and the processor knows it as their runner. */
    private final NodeIdentity node;
    /** The users' data keys: content is sealed before it leaves this process, and opened when it comes back. */
    private final ContentKeys keys;
    private final GenerationLauncher launcher;

    TurnStart(ProcessorReads reads, ModelGateway gateway, CommandBus bus, Generations generations, ChatLimits limits,
            ChatProperties properties, Clock clock, CommandApiProperties commandApi, NodeIdentity node, ContentKeys keys,
            GenerationLauncher launcher) {
        this.reads = reads;
        this.gateway = gateway;
        this.bus = bus;
        this.generations = generations;
        this.limits = limits;
        this.properties = properties;
        this.clock = clock;
        this.commandApi = commandApi;
        this.node = node;
        this.keys = keys;
        this.launcher = launcher;
    }

    /** Starts a generation; its run goes on whatever happens to the request that started it. */
    Mono<GenerationRun> start(ChatUser user, ChatRequest request, CommandIds.Identity identity) {
        limits.admitRequest(user.id());
        return keys.forWriting(user.id()).flatMap(cipher -> reads.context(user.id(), request.conversationId(),
                        historyBudget(request), 0)
                .map(context -> SealedContent.open(cipher, request.conversationId(), context))
                .flatMap(context -> begin(user, request, identity, context, cipher)));
    }

    /** History worth reading: no more than the named model's window holds (the prompt is cut to it anyway). */
    private int historyBudget(ChatRequest request) {
        return request.model()
                .map(model -> (int) Math.min(properties.historyChars(), PromptHistory.budgetChars(model)))
                .orElse(properties.historyChars());
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
                .map(prompts -> launcher.launch(user, start, target, context, prompts, prompt, cipher))
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

    /**
     * The generation to regenerate: the one named (it must be in the history; the processor accepts only
     * the last message), or else the last message if it is the model's. When the conversation ends with the
     * user's message (its generation failed), there is nothing to replace: a generation answers it.
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

    /** The history a regenerated generation answers: everything before the message it replaces. */
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
