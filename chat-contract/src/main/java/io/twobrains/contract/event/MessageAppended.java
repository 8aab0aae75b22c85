package io.twobrains.contract.event;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.twobrains.contract.ConversationScoped;
import io.twobrains.contract.message.Part;
import io.twobrains.contract.message.Role;
import java.util.List;

@JsonClassDescription("A message was appended to a conversation.")
@SchemaVersion(1)
public record MessageAppended(
        @JsonPropertyDescription("The conversation.") String conversationId,
        @JsonPropertyDescription("The message, unique within the conversation.") String messageId,
        @JsonPropertyDescription("Who wrote it: system, user or assistant.") Role role,
        @JsonPropertyDescription("Its content, as AI SDK UIMessage parts. Encrypted: each part's text, reasoning, tool input, output and error are sealed with the user's data key (tbc1.…); types, tool names and call ids are not.") List<Part> parts)
        implements Event, ConversationScoped {

    public MessageAppended {
        parts = List.copyOf(parts);
    }

    @Override
    public <R> R accept(Event.Visitor<R> visitor) {
        return visitor.visit(this);
    }
}
