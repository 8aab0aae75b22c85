package io.twobrains.command.chat;

import io.twobrains.contract.view.ChatContextView;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

/**
 * What the model writes for one generation, step by step: a step is one model call; if the model asked
 * for tools (and steps are left), the tools' results follow, and then the next step, which sees them.
 */
@Component
class ModelSteps {

    /** Model calls per generation: the first, and at most four more after tool results. */
    static final int MAX_STEPS = 5;

    private final ModelGateway gateway;

    ModelSteps(ModelGateway gateway) {
        this.gateway = gateway;
    }

    /** The model's output over every step, from the first. */
    Flux<ModelOutput> outputs(String userId, Target target, List<Message> messages, ChatContextView context,
            McpTools.Toolbox box) {
        return step(userId, target, messages, context, box, 1);
    }

    private Flux<ModelOutput> step(String userId, Target target, List<Message> messages,
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
                                .concatWith(step(userId, target, next, context, box, step + 1));
                    });
                }));
    }
}
