package io.twobrains.command.chat;

import io.twobrains.contract.command.StartGeneration;
import io.twobrains.contract.content.ContentCipher;
import io.twobrains.contract.content.ContentPlace;
import io.twobrains.contract.view.ChatContextView;
import io.twobrains.contract.view.MessageView;
import io.twobrains.service.security.ChatUser;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.ai.chat.messages.Message;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The run of a generation the processor started, on this node: its chunks go to {@code chat.deltas}
 * sealed, the model is called with the user's tools step by step ({@link ModelSteps}), and when the run
 * ends the generation is saved ({@link GenerationSaver}), its slot given back, and a new conversation
 * titled ({@link ConversationTitler}).
 */
@Component
class GenerationLauncher {

    private final Generations generations;
    private final ChatLimits limits;
    private final DeltaLog deltas;
    private final ChatProperties properties;
    private final Clock clock;
    private final McpTools mcpTools;
    private final ModelSteps steps;
    private final GenerationSaver saver;
    private final ConversationTitler titler;

    GenerationLauncher(Generations generations, ChatLimits limits, DeltaLog deltas, ChatProperties properties, Clock clock,
            McpTools mcpTools, ModelSteps steps, GenerationSaver saver, ConversationTitler titler) {
        this.generations = generations;
        this.limits = limits;
        this.deltas = deltas;
        this.properties = properties;
        this.clock = clock;
        this.mcpTools = mcpTools;
        this.steps = steps;
        this.saver = saver;
        this.titler = titler;
    }

    /** Runs the started generation, answering {@code history}; a retry of a start that runs here follows that run. */
    GenerationRun launch(ChatUser user, StartGeneration start, Target target, ChatContextView context,
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
                        .concatWith(steps.outputs(user.id(), target, messages, context, box)),
                box -> Mono.fromRunnable(box::close));
        run.start(outputs,
                properties.firstTokenTimeout(), properties.idleTimeout(), properties.maxDuration(),
                outcome -> saver.save(user.id(), start, outcome, cipher),
                () -> {
                    generations.remove(run);
                    limits.release(user.id());
                    if (needsTitle) {
                        titler.title(user.id(), target, context, start.conversationId(),
                                PromptHistory.userText(prompt.parts()), cipher);
                    }
                });
        return run;
    }
}
