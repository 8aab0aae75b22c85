package io.twobrains.contract.content;

import static org.assertj.core.api.Assertions.assertThat;

import io.twobrains.contract.Exhaustive;
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
import io.twobrains.contract.command.ResealSecrets;
import io.twobrains.contract.command.RenameConversation;
import io.twobrains.contract.command.StartConversation;
import io.twobrains.contract.command.StartGeneration;
import io.twobrains.contract.command.StoreApiKey;
import io.twobrains.contract.command.TitleConversation;
import io.twobrains.contract.generation.TokenUsage;
import io.twobrains.contract.json.ChatJson;
import io.twobrains.contract.message.Part;
import io.twobrains.contract.message.Role;
import io.twobrains.contract.message.TextPart;
import io.twobrains.contract.profile.McpTransport;
import io.twobrains.contract.profile.Provider;
import io.twobrains.contract.profile.SealedSecret;
import io.twobrains.contract.profile.SettingsPatch;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which commands carry content, decided for every command type, and sealing agrees. */
class CommandContentTest {

    private static final String CANARY = "the canary sings";
    private static final List<Part> SAID = List.of(new TextPart(CANARY));
    private static final SealedSecret SECRET = new SealedSecret("k1", "c2VhbGVk");

    private final ContentCipher alice = new ContentCipher("alice", ContentCipher.newKey());

    /** One or more of each command type, with whether it carries content. */
    private static Map<Command, Boolean> samples() {
        Map<Command, Boolean> samples = new LinkedHashMap<>();
        samples.put(new StartConversation("c1", CANARY), true);
        samples.put(new StartConversation("c1", null), false);
        samples.put(new RenameConversation("c1", CANARY), true);
        samples.put(new TitleConversation("c1", CANARY), true);
        samples.put(new AppendMessage("c1", "m1", Role.USER, SAID), true);
        samples.put(new StartGeneration("g1", "c1", "demo", "demo", null, "a1", new StartGeneration.Prompt("m1", SAID),
                true, null, "node-1"), true);
        samples.put(new StartGeneration("g1", "c1", "demo", "demo", null, "a1", null, false, "a0", "node-1"), false);
        samples.put(CompleteGeneration.completed("g1", "stop", TokenUsage.NONE, 10), false);
        samples.put(new DeleteConversation("c1"), false);
        samples.put(new ChangeSettings(new SettingsPatch(null, null, null, null, null, null)), false);
        samples.put(new StoreApiKey(Provider.OPENAI, SECRET, "abcd", null), false);
        samples.put(new RemoveApiKey(Provider.OPENAI), false);
        samples.put(new AddMcpServer("docs", "Docs", "https://mcp.example.com", McpTransport.HTTP, SECRET, List.of(), true),
                false);
        samples.put(new ChangeMcpServer("docs", null, null, null, null, null, false), false);
        samples.put(new RemoveMcpServer("docs"), false);
        samples.put(new EraseUser(), false);
        samples.put(new ResealSecrets(List.of(new ResealSecrets.ApiKey(Provider.OPENAI, SECRET,
                new SealedSecret("k2", "cmVzZWFsZWQ"))), List.of()), false);
        return samples;
    }

    @Test
    void everyCommandTypeIsDecidedAndItsSamplesSayWhichCarryContent() {
        assertThat(samples().keySet().stream().map(Object::getClass).distinct())
                .as("a sample of every command type").containsExactlyInAnyOrder(Command.class.getPermittedSubclasses());

        samples().forEach((command, carries) -> assertThat(CommandContent.carriesContent(command))
                .as(command.type() + " " + command).isEqualTo(carries));
        assertThat(CommandContent.carriesContent(CommandContent.sealReply(alice, "c1", "a1", new CompleteGeneration("g1",
                "stop", TokenUsage.NONE, 10, null, SAID, null)))).as("a generation with a reply").isTrue();
    }

    @Test
    void aCommandThatCarriesContentLeavesSealedAndOneThatDoesNotLeavesAsItIs() {
        samples().forEach((command, carries) -> {
            Command sealed = CommandContent.seal(alice, command);
            if (carries) {
                assertThat(ChatJson.MAPPER.writeValueAsString(sealed)).as(command.type()).doesNotContain(CANARY)
                        .contains(ContentCipher.PREFIX);
            } else {
                assertThat(sealed).as(command.type()).isEqualTo(command);
            }
        });
    }

    @Test
    void theVisitorsOfCommandsAndPartsHaveAMethodForEachTypeAndEachTypeCallsItsOwn() {
        Exhaustive.assertVisitorCovers(Command.class, Command.Visitor.class, (command, visitor) -> command.accept(visitor));
        Exhaustive.assertVisitorCovers(Part.class, Part.Visitor.class, (part, visitor) -> part.accept(visitor));
    }
}
