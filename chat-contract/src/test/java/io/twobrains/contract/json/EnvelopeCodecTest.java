package io.twobrains.contract.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twobrains.contract.command.AddMcpServer;
import io.twobrains.contract.command.AppendMessage;
import io.twobrains.contract.command.ChangeMcpServer;
import io.twobrains.contract.command.ChangeSettings;
import io.twobrains.contract.command.CompleteGeneration;
import io.twobrains.contract.command.EraseUser;
import io.twobrains.contract.command.RemoveApiKey;
import io.twobrains.contract.command.RemoveMcpServer;
import io.twobrains.contract.command.ResealSecrets;
import io.twobrains.contract.command.StartGeneration;
import io.twobrains.contract.command.TitleConversation;
import io.twobrains.contract.generation.Ending;
import io.twobrains.contract.message.StepStartPart;
import io.twobrains.contract.command.StoreApiKey;
import io.twobrains.contract.generation.TokenUsage;
import io.twobrains.contract.profile.McpTransport;
import io.twobrains.contract.profile.Provider;
import io.twobrains.contract.profile.SealedSecret;
import io.twobrains.contract.profile.SettingsPatch;
import io.twobrains.contract.command.Command;
import io.twobrains.contract.command.CommandEnvelope;
import io.twobrains.contract.command.DeleteConversation;
import io.twobrains.contract.command.RenameConversation;
import io.twobrains.contract.command.StartConversation;
import io.twobrains.contract.event.ConversationRenamed;
import io.twobrains.contract.event.Event;
import io.twobrains.contract.event.EventEnvelope;
import io.twobrains.contract.event.TitleSource;
import io.twobrains.contract.message.Role;
import io.twobrains.contract.message.TextPart;
import io.twobrains.contract.reply.Reply;
import io.twobrains.contract.view.ConversationView;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class EnvelopeCodecTest {

    @Test
    void everyEventTypeSurvivesTheWire() {
        Set<String> sampled = Samples.payloads().stream().map(Event::type).collect(Collectors.toSet());
        assertThat(sampled).containsExactlyInAnyOrderElementsOf(EventCodec.types().all().keySet());
        for (EventEnvelope event : Samples.events()) {
            assertThat(EventCodec.fromBytes(EventCodec.toBytes(event))).isEqualTo(event);
        }
    }

    @Test
    void everyCommandTypeSurvivesTheWire() {
        SealedSecret sealed = new SealedSecret("k1", "c2VhbGVk");
        List<Command> commands = List.of(new StartConversation("c1", null), new RenameConversation("c1", "t"),
                new DeleteConversation("c1"), new AppendMessage("c1", "m1", Role.ASSISTANT, List.of(new TextPart("x"))),
                new ChangeSettings(new SettingsPatch(null, null, false, null, null, List.of())),
                new StoreApiKey(Provider.GOOGLE, sealed, "abcd", null), new RemoveApiKey(Provider.GOOGLE),
                new AddMcpServer("s", "S", "https://s.example", McpTransport.HTTP, sealed, List.of("A"), true),
                new ChangeMcpServer("s", null, null, null, null, null, false), new RemoveMcpServer("s"),
                new EraseUser(), StartGeneration.bare("g", "c1", "demo", "demo", "pro"),
                CompleteGeneration.completed("g", "stop", new TokenUsage(1, 2, 3), 10),
                new StartGeneration("g2", "c2", "demo", "demo", null, "a1",
                        new StartGeneration.Prompt("m1", List.of(new TextPart("hi"))), true, null),
                new CompleteGeneration("g2", "error", TokenUsage.NONE, 5, Ending.FAILED,
                        List.of(new StepStartPart(), new TextPart("part")), "provider answered 500"),
                new TitleConversation("c2", "A short title"),
                new ResealSecrets(List.of(new ResealSecrets.ApiKey(Provider.GOOGLE, sealed, new SealedSecret("k2", "bmV3"))),
                        List.of(new ResealSecrets.McpHeaders("s", sealed, new SealedSecret("k2", "aGVhZGVycw")))));
        assertThat(commands.stream().map(Command::type).distinct())
                .containsExactlyInAnyOrderElementsOf(new PayloadTypes<>(Command.class).all().keySet());
        for (Command command : commands) {
            CommandEnvelope envelope = new CommandEnvelope(UUID.randomUUID(), "u", Instant.now(), command, "fp");
            assertThat(CommandCodec.fromBytes(CommandCodec.toBytes(envelope))).isEqualTo(envelope);
        }
    }

    @Test
    void aRenameWrittenAtVersionOneIsReadAsAManualRename() {
        String v1 = """
                {"eventId":"%s","userId":"u","seq":4,"commandId":"%s","occurredAt":"2025-01-01T00:00:00Z",
                 "type":"ConversationRenamed","version":1,"payload":{"conversationId":"c1","title":"Old style"}}
                """.formatted(UUID.randomUUID(), UUID.randomUUID());

        EventEnvelope read = EventCodec.fromBytes(v1.getBytes(StandardCharsets.UTF_8));

        assertThat(read.payload()).isEqualTo(new ConversationRenamed("c1", "Old style", TitleSource.MANUAL));
        assertThat(read.version()).isEqualTo(2);
    }

    @Test
    void malformedRecordsAreRefusedWithAReason() {
        String valid = new String(EventCodec.toBytes(Samples.events().get(0)), StandardCharsets.UTF_8);
        List<String> broken = List.of(
                "{not json",
                "[]",
                valid.replace("ConversationStarted", "UnheardOf"),
                valid.replace("\"seq\":1", "\"seq\":\"one\""),
                valid.replace("\"version\":1", "\"version\":99"),
                valid.replaceFirst("\"eventId\":\"[^\"]+\"", "\"eventId\":\"not-a-uuid\""));
        for (String record : broken) {
            assertThatThrownBy(() -> EventCodec.fromBytes(record.getBytes(StandardCharsets.UTF_8)))
                    .as(record).isInstanceOf(MalformedRecordException.class).hasMessageNotContaining("null");
        }
        assertThatThrownBy(() -> CommandCodec.fromBytes(null)).isInstanceOf(MalformedRecordException.class);
    }

    @Test
    void repliesSurviveTheWire() {
        Reply reply = Reply.accepted(UUID.randomUUID(), "u", 9,
                new ConversationView("c1", null, Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-01-01T00:00:01Z"), 3),
                null, null, null);
        Reply limited = Reply.rejected(UUID.randomUUID(), "u", 10, io.twobrains.contract.event.RejectionCode.LIMIT_REACHED,
                "daily", io.twobrains.contract.generation.LimitType.DAILY, Instant.parse("2026-01-02T00:00:00Z"));
        assertThat(ReplyCodec.fromBytes(ReplyCodec.toBytes(limited))).isEqualTo(limited);
        assertThat(ReplyCodec.fromBytes(ReplyCodec.toBytes(reply))).isEqualTo(reply);
    }

    @Test
    void anyTextAndUserIdSurviveTheWire() {
        // A fixed seed: the same 200 texts every run, so a failure names a try that reproduces.
        long seed = 20261127;
        Random random = new Random(seed);
        for (int tryNumber = 1; tryNumber <= 200; tryNumber++) {
            String text = anyText(random);
            String userId = anyText(random);
            CommandEnvelope envelope = new CommandEnvelope(UUID.randomUUID(), userId.isEmpty() ? "u" : userId, Instant.now(),
                    new AppendMessage("c1", "m1", Role.USER, List.of(new TextPart(text))), null);
            assertThat(CommandCodec.fromBytes(CommandCodec.toBytes(envelope)))
                    .as("try %d of 200 from seed %d: text %s, user %s", tryNumber, seed, text, userId).isEqualTo(envelope);
        }
    }

    /** Up to 255 code points from all of Unicode; an empty text, one code point and the longest come up often. */
    private static String anyText(RandomGenerator random) {
        int length = switch (random.nextInt(10)) {
            case 0 -> 0;
            case 1 -> 1;
            case 2 -> 255;
            default -> random.nextInt(256);
        };
        StringBuilder text = new StringBuilder();
        while (text.codePointCount(0, text.length()) < length) {
            int codePoint = random.nextInt(Character.MAX_CODE_POINT + 1);
            // A lone surrogate is no character: a String holding one has no UTF-8 form to survive the wire in.
            if (Character.getType(codePoint) != Character.SURROGATE) {
                text.appendCodePoint(codePoint);
            }
        }
        return text.toString();
    }
}
