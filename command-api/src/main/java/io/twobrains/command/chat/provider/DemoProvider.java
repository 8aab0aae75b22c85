package io.twobrains.command.chat.provider;

import io.twobrains.contract.model.Model;
import io.twobrains.contract.profile.ReasoningEffort;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.tool.ToolCallback;

/** The built-in offline model: one instance, no endpoint, no key. */
public final class DemoProvider implements ChatProvider {

    private final DemoChatModel model;

    DemoProvider(Duration tokenDelay) {
        this.model = new DemoChatModel(tokenDelay);
    }

    @Override
    public Set<String> ids() {
        return Set.of("demo");
    }

    @Override
    public ChatModel build(Endpoint endpoint, Model model) {
        return this.model;
    }

    @Override
    public ChatOptions options(Model model, ReasoningEffort effort, List<ToolCallback> tools) {
        return ChatOptions.builder().model(model.id()).build();
    }
}
