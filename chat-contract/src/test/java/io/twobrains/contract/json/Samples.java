package io.twobrains.contract.json;

import io.twobrains.contract.event.ApiKeyRemoved;
import io.twobrains.contract.event.ApiKeyStored;
import io.twobrains.contract.event.CommandRejected;
import io.twobrains.contract.event.GenerationCancelled;
import io.twobrains.contract.event.GenerationCompleted;
import io.twobrains.contract.event.GenerationFailed;
import io.twobrains.contract.event.MessageSuperseded;
import io.twobrains.contract.event.GenerationStarted;
import io.twobrains.contract.event.McpServerAdded;
import io.twobrains.contract.event.McpServerChanged;
import io.twobrains.contract.event.McpServerRemoved;
import io.twobrains.contract.event.SecretsResealed;
import io.twobrains.contract.event.SettingsChanged;
import io.twobrains.contract.event.UserErased;
import io.twobrains.contract.generation.LimitType;
import io.twobrains.contract.generation.TokenUsage;
import io.twobrains.contract.profile.ChatWidth;
import io.twobrains.contract.profile.McpTransport;
import io.twobrains.contract.profile.Provider;
import io.twobrains.contract.profile.ReasoningEffort;
import io.twobrains.contract.profile.SealedSecret;
import io.twobrains.contract.profile.SettingsPatch;
import io.twobrains.contract.profile.Theme;
import io.twobrains.contract.event.ConversationDeleted;
import io.twobrains.contract.event.ConversationRenamed;
import io.twobrains.contract.event.ConversationStarted;
import io.twobrains.contract.event.Event;
import io.twobrains.contract.event.EventEnvelope;
import io.twobrains.contract.event.MessageAppended;
import io.twobrains.contract.event.RejectionCode;
import io.twobrains.contract.event.TitleSource;
import io.twobrains.contract.message.Role;
import io.twobrains.contract.message.ReasoningPart;
import io.twobrains.contract.message.StepStartPart;
import io.twobrains.contract.message.TextPart;
import io.twobrains.contract.message.ToolPart;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** One sample of every event type (a test fails if a new type has none). */
final class Samples {

    private static final SealedSecret SEALED = new SealedSecret("k1", "bm9uY2V8Y2lwaGVy");
    private static final SealedSecret RESEALED = new SealedSecret("k2", "b3RoZXJ8bm9uY2U");

    private Samples() {
    }

    static List<Event> payloads() {
        return List.of(
                new ConversationStarted("c1", "Trip"),
                new ConversationStarted("c2", null),
                new ConversationRenamed("c1", "Lisbon", TitleSource.AUTO),
                new ConversationDeleted("c1"),
                new MessageAppended("c1", "m1", Role.USER, List.of(new TextPart("hello"), new TextPart("é ✓ \n\""))),
                new CommandRejected("DeleteConversation", RejectionCode.NOT_FOUND, "conversation c9 not found"),
                new CommandRejected("StartGeneration", RejectionCode.LIMIT_REACHED, "daily", LimitType.DAILY,
                        Instant.parse("2026-05-02T00:00:00Z")),
                new SettingsChanged(new SettingsPatch("demo", ReasoningEffort.LOW, true, Theme.DARK, ChatWidth.WIDE,
                        List.of("docs"))),
                new SettingsChanged(new SettingsPatch(null, null, null, Theme.LIGHT, null, null)),
                new ApiKeyStored(Provider.OPENAI_COMPATIBLE, SEALED, "abcd", "https://llm.example.com/v1"),
                new ApiKeyRemoved(Provider.OPENAI),
                new McpServerAdded("docs", "Docs", "https://mcp.example.com/mcp", McpTransport.HTTP, SEALED,
                        List.of("Authorization"), true),
                new McpServerChanged("docs", "Docs", "https://mcp.example.com/sse", McpTransport.SSE, null, List.of(), false),
                new McpServerRemoved("docs"),
                new GenerationStarted("g1", "c1", "gpt-4o-mini", "openai", false, 3, 17, null, null),
                new GenerationCompleted("g1", "c1", "gpt-4o-mini", "openai", false, "stop", new TokenUsage(100, 50, 0), 1234, null),
                new GenerationStarted("g2", "c1", "o4-mini", "openai", true, 0, 0, "a2", "a1"),
                new MessageAppended("c1", "a2", Role.ASSISTANT, List.of(new StepStartPart(), new ReasoningPart("think"),
                        new ToolPart("search", "call-1", ToolPart.OUTPUT_AVAILABLE, ChatJson.MAPPER.readTree("{\"q\":\"x\"}"),
                                ChatJson.MAPPER.readTree("{\"hits\":[1,2]}"), null),
                        new ToolPart("fetch", "call-2", ToolPart.OUTPUT_ERROR, ChatJson.MAPPER.readTree("{}"), null, "timeout"),
                        new TextPart("answer"))),
                new MessageSuperseded("c1", "a1", "a2"),
                new GenerationCompleted("g2", "c1", "o4-mini", "openai", true, "stop", new TokenUsage(10, 5, 2), 99, "a2"),
                new GenerationFailed("g3", "c1", "gpt-4o-mini", "openai", false, "provider answered 429",
                        TokenUsage.NONE, 40, null),
                new GenerationCancelled("g4", "c1", "demo", "demo", false, new TokenUsage(3, 1, 0), 70, "a4"),
                new SecretsResealed(List.of(new SecretsResealed.ApiKey(Provider.OPENAI, RESEALED)),
                        List.of(new SecretsResealed.McpHeaders("docs", RESEALED))),
                new SecretsResealed(List.of(), List.of(new SecretsResealed.McpHeaders("docs", RESEALED))),
                new UserErased());
    }

    static List<EventEnvelope> events() {
        List<EventEnvelope> events = new ArrayList<>();
        long seq = 1;
        for (Event payload : payloads()) {
            events.add(new EventEnvelope(UUID.randomUUID(), "user|with odd chars", seq++, UUID.randomUUID(),
                    Instant.parse("2026-05-01T10:15:30.123Z"), PayloadTypes.currentVersion(payload.getClass()), payload));
        }
        return events;
    }
}
