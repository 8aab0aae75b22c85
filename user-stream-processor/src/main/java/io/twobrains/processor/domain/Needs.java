package io.twobrains.processor.domain;

import io.twobrains.contract.ConversationScoped;
import io.twobrains.contract.ProfileScoped;
import io.twobrains.contract.command.AddMcpServer;
import io.twobrains.contract.command.AppendMessage;
import io.twobrains.contract.command.ChangeMcpServer;
import io.twobrains.contract.command.ChangeSettings;
import io.twobrains.contract.command.Command;
import io.twobrains.contract.command.CompleteGeneration;
import io.twobrains.contract.command.DeleteConversation;
import io.twobrains.contract.command.EraseUser;
import io.twobrains.contract.command.RemoveApiKey;
import io.twobrains.contract.command.RemoveMcpServer;
import io.twobrains.contract.command.RenameConversation;
import io.twobrains.contract.command.ResealSecrets;
import io.twobrains.contract.command.StartConversation;
import io.twobrains.contract.command.StartGeneration;
import io.twobrains.contract.command.StoreApiKey;
import io.twobrains.contract.command.TitleConversation;
import io.twobrains.contract.event.Event;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What of a user's state a command or an event reads, besides the user's head (seq, counters, quota,
 * running generations), which is always there: the conversation it is about, the message ids whose
 * use it checks, and the profile. The store loads exactly this into a {@link Slice}, so it needs to
 * know nothing about the commands.
 */
public record Needs(Optional<String> conversation, List<MessageRef> messageIds, boolean profile) {

    /** A message id a decision checks within its conversation. */
    public record MessageRef(String conversationId, String messageId) {
    }

    public Needs {
        messageIds = messageIds.stream().filter(ref -> ref.conversationId() != null && ref.messageId() != null).toList();
    }

    /** What deciding {@code command} reads, given the user's running generations. */
    public static Needs of(Command command, Map<String, Generation> running) {
        return command.accept(new OfCommand(running));
    }

    /** What folding {@code event} reads. */
    public static Needs of(Event event) {
        return new Needs(event instanceof ConversationScoped scoped ? Optional.ofNullable(scoped.conversationId())
                : Optional.empty(), List.of(), event instanceof ProfileScoped);
    }

    private static Needs conversation(String id) {
        return new Needs(Optional.ofNullable(id), List.of(), false);
    }

    private static Needs profileOnly() {
        return new Needs(Optional.empty(), List.of(), true);
    }

    private record OfCommand(Map<String, Generation> running) implements Command.Visitor<Needs> {

        @Override
        public Needs visit(StartConversation command) {
            return conversation(command.conversationId());
        }

        @Override
        public Needs visit(RenameConversation command) {
            return conversation(command.conversationId());
        }

        @Override
        public Needs visit(DeleteConversation command) {
            return conversation(command.conversationId());
        }

        @Override
        public Needs visit(AppendMessage command) {
            return new Needs(Optional.ofNullable(command.conversationId()),
                    List.of(new MessageRef(command.conversationId(), command.messageId())), false);
        }

        @Override
        public Needs visit(ChangeSettings command) {
            return profileOnly();
        }

        @Override
        public Needs visit(StoreApiKey command) {
            return profileOnly();
        }

        @Override
        public Needs visit(RemoveApiKey command) {
            return profileOnly();
        }

        @Override
        public Needs visit(AddMcpServer command) {
            return profileOnly();
        }

        @Override
        public Needs visit(ChangeMcpServer command) {
            return profileOnly();
        }

        @Override
        public Needs visit(RemoveMcpServer command) {
            return profileOnly();
        }

        @Override
        public Needs visit(ResealSecrets command) {
            return profileOnly();
        }

        @Override
        public Needs visit(EraseUser command) {
            return profileOnly();
        }

        /** The new message's id and the reply's must be free; the profile says whose key it runs on. */
        @Override
        public Needs visit(StartGeneration command) {
            List<MessageRef> ids = new ArrayList<>();
            if (command.prompt() != null) {
                ids.add(new MessageRef(command.conversationId(), command.prompt().messageId()));
            }
            ids.add(new MessageRef(command.conversationId(), command.messageId()));
            return new Needs(Optional.ofNullable(command.conversationId()), ids, true);
        }

        /** The reply goes into the generation's conversation, if it still exists. */
        @Override
        public Needs visit(CompleteGeneration command) {
            return new Needs(Optional.ofNullable(running.get(command.generationId())).map(Generation::conversationId),
                    List.of(), false);
        }

        @Override
        public Needs visit(TitleConversation command) {
            return conversation(command.conversationId());
        }
    }
}
