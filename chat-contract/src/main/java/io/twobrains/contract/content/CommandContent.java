package io.twobrains.contract.content;

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
import io.twobrains.contract.message.Part;
import java.util.List;

/**
 * The content of each command, sealed with the user's key before the command leaves the command side:
 * titles, the parts of a user's message and of a prompt. A generation's reply is sealed where its
 * message's place is known ({@link #sealReply}); a {@link CompleteGeneration} that reaches
 * {@link #seal} with content still open is refused, so no path can send plaintext by forgetting.
 * Commands without content pass unchanged. The compiler checks that every command type is decided.
 */
public final class CommandContent implements Command.Visitor<Command> {

    private final ContentCipher cipher;

    private CommandContent(ContentCipher cipher) {
        this.cipher = cipher;
    }

    /** The command with its content sealed with the user's key. */
    public static Command seal(ContentCipher cipher, Command command) {
        return command.accept(new CommandContent(cipher));
    }

    /** Whether a command carries content (and so needs the user's key before it is sent). */
    public static boolean carriesContent(Command command) {
        return command != null && command.accept(CARRIES_CONTENT);
    }

    /** A generation's reply with its parts sealed for the assistant message it becomes. */
    public static CompleteGeneration sealReply(ContentCipher cipher, String conversationId, String messageId,
            CompleteGeneration complete) {
        return new CompleteGeneration(complete.generationId(), complete.finishReason(), complete.usage(),
                complete.latencyMs(), complete.ending(), SealedContent.seal(cipher, conversationId, messageId,
                        complete.parts()), complete.error());
    }

    @Override
    public Command visit(StartConversation command) {
        return new StartConversation(command.conversationId(),
                SealedContent.sealTitle(cipher, command.conversationId(), command.title()));
    }

    @Override
    public Command visit(RenameConversation command) {
        return new RenameConversation(command.conversationId(),
                SealedContent.sealTitle(cipher, command.conversationId(), command.title()));
    }

    @Override
    public Command visit(TitleConversation command) {
        return new TitleConversation(command.conversationId(),
                SealedContent.sealTitle(cipher, command.conversationId(), command.title()));
    }

    @Override
    public Command visit(AppendMessage command) {
        return new AppendMessage(command.conversationId(), command.messageId(), command.role(),
                SealedContent.seal(cipher, command.conversationId(), command.messageId(), command.parts()));
    }

    @Override
    public Command visit(StartGeneration command) {
        StartGeneration.Prompt prompt = command.prompt();
        if (prompt == null) {
            return command;
        }
        return new StartGeneration(command.generationId(), command.conversationId(), command.model(), command.provider(),
                command.plan(), command.messageId(), new StartGeneration.Prompt(prompt.messageId(),
                        SealedContent.seal(cipher, command.conversationId(), prompt.messageId(), prompt.parts())),
                command.createConversation(), command.regenerates(), command.runner());
    }

    @Override
    public Command visit(CompleteGeneration command) {
        if (!allSealed(command.parts())) {
            throw new IllegalArgumentException("a generation's reply is sealed for its message first (sealReply)");
        }
        return command;
    }

    private static boolean allSealed(List<Part> parts) {
        return parts.stream().allMatch(part -> part.length() == 0 || SealedContent.isSealed(part));
    }

    @Override
    public Command visit(DeleteConversation command) {
        return command;
    }

    @Override
    public Command visit(ChangeSettings command) {
        return command;
    }

    @Override
    public Command visit(StoreApiKey command) {
        return command;
    }

    @Override
    public Command visit(RemoveApiKey command) {
        return command;
    }

    @Override
    public Command visit(AddMcpServer command) {
        return command;
    }

    @Override
    public Command visit(ChangeMcpServer command) {
        return command;
    }

    @Override
    public Command visit(RemoveMcpServer command) {
        return command;
    }

    @Override
    public Command visit(EraseUser command) {
        return command;
    }

    /** Whether each command type carries content: a new command type does not compile until it is decided. */
    private static final Command.Visitor<Boolean> CARRIES_CONTENT = new Command.Visitor<>() {
        @Override
        public Boolean visit(StartConversation command) {
            return command.title() != null;
        }

        @Override
        public Boolean visit(RenameConversation command) {
            return true;
        }

        @Override
        public Boolean visit(TitleConversation command) {
            return true;
        }

        @Override
        public Boolean visit(AppendMessage command) {
            return true;
        }

        @Override
        public Boolean visit(StartGeneration command) {
            return command.prompt() != null;
        }

        @Override
        public Boolean visit(CompleteGeneration command) {
            return !command.parts().isEmpty();
        }

        @Override
        public Boolean visit(DeleteConversation command) {
            return false;
        }

        @Override
        public Boolean visit(ChangeSettings command) {
            return false;
        }

        @Override
        public Boolean visit(StoreApiKey command) {
            return false;
        }

        @Override
        public Boolean visit(RemoveApiKey command) {
            return false;
        }

        @Override
        public Boolean visit(AddMcpServer command) {
            return false;
        }

        @Override
        public Boolean visit(ChangeMcpServer command) {
            return false;
        }

        @Override
        public Boolean visit(RemoveMcpServer command) {
            return false;
        }

        @Override
        public Boolean visit(EraseUser command) {
            return false;
        }

        @Override
        public Boolean visit(ResealSecrets command) {
            return false;
        }
    };

    @Override
    public Command visit(ResealSecrets command) {
        return command;
    }
}
