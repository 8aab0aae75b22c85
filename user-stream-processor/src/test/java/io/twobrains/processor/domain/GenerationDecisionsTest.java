package io.twobrains.processor.domain;

import static io.twobrains.processor.domain.ChatSpec.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.twobrains.contract.command.CompleteGeneration;
import io.twobrains.contract.command.StartGeneration;
import io.twobrains.contract.command.TitleConversation;
import io.twobrains.contract.event.ApiKeyStored;
import io.twobrains.contract.event.ConversationRenamed;
import io.twobrains.contract.event.ConversationStarted;
import io.twobrains.contract.event.GenerationCancelled;
import io.twobrains.contract.event.GenerationCompleted;
import io.twobrains.contract.event.GenerationFailed;
import io.twobrains.contract.event.GenerationStarted;
import io.twobrains.contract.event.MessageAppended;
import io.twobrains.contract.event.MessageSuperseded;
import io.twobrains.contract.event.RejectionCode;
import io.twobrains.contract.event.TitleSource;
import io.twobrains.contract.generation.Ending;
import io.twobrains.contract.generation.LimitType;
import io.twobrains.contract.generation.TokenUsage;
import io.twobrains.contract.message.Part;
import io.twobrains.contract.message.ReasoningPart;
import io.twobrains.contract.message.Role;
import io.twobrains.contract.message.StepStartPart;
import io.twobrains.contract.message.TextPart;
import io.twobrains.contract.profile.Provider;
import io.twobrains.contract.profile.SealedSecret;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GenerationDecisionsTest {

    private static final QuotaPlans TWO_A_DAY = new QuotaPlans(new QuotaPlans.Limits(2, 5),
            Map.of("pro", new QuotaPlans.Limits(4, 100)));
    private static final List<Part> HELLO = List.of(new TextPart("hello"));
    private static final List<Part> REPLY = List.of(new StepStartPart(), new ReasoningPart("hm"), new TextPart("hi!"));

    private static StartGeneration start(String id, String model) {
        return StartGeneration.bare(id, "c1", model, "ignored", null);
    }

    /** A chat turn: the user's message and the start of the reply, as POST /api/chat sends it. */
    private static StartGeneration turn(String id, String conversationId, boolean create) {
        return new StartGeneration(id, conversationId, "demo", "demo", null, "a-" + id,
                new StartGeneration.Prompt("u-" + id, HELLO), create, null);
    }

    /** Starts a generation and lets it finish, so the next one may start in the same conversation. */
    private static ChatSpec run(ChatSpec spec, StartGeneration start) {
        spec.when(start);
        assertThat(spec.handled().reply().isAccepted()).as(start.generationId() + " started").isTrue();
        return spec.when(CompleteGeneration.completed(start.generationId(), "stop", TokenUsage.NONE, 1));
    }

    @Test
    void aFreeGenerationCountsAgainstTheDayAndTheMonth() {
        ChatSpec spec = given(new ConversationStarted("c1", null)).withPlans(TWO_A_DAY)
                .when(start("g1", "gpt-4o-mini"))
                .thenEvents(new GenerationStarted("g1", "c1", "gpt-4o-mini", "openai", false, 1, 1, null, null));
        assertThat(spec.state().generation("g1")).isPresent();
    }

    @Test
    void aFailedGenerationGivesItsFreeMessageBackAndAStoppedOneDoesNot() {
        ChatSpec spec = given(new ConversationStarted("c1", null)).withPlans(TWO_A_DAY)
                .at(Instant.parse("2026-03-10T10:00:00Z"));
        spec.when(start("g1", "demo"))
                .when(new CompleteGeneration("g1", "error", TokenUsage.NONE, 9, Ending.FAILED, List.of(), "provider answered 500"));
        spec.when(start("g2", "demo"))
                .when(new CompleteGeneration("g2", "stop", TokenUsage.NONE, 9, Ending.CANCELLED, List.of(), null));
        run(spec, start("g3", "demo"));

        spec.when(start("g4", "demo")).thenRejected(RejectionCode.LIMIT_REACHED);
        assertThat(spec.state().user().dailyCount()).as("g2 and g3; g1 failed").isEqualTo(2);
        assertThat(spec.state().user().monthlyCount()).isEqualTo(2);
    }

    @Test
    void theDailyLimitIsExactAndSaysWhenItResets() {
        ChatSpec spec = given(new ConversationStarted("c1", null)).withPlans(TWO_A_DAY)
                .at(Instant.parse("2026-03-10T22:00:00Z"));
        run(spec, start("g1", "demo"));
        run(spec, start("g2", "demo"));
        spec.when(start("g3", "demo")).thenRejected(RejectionCode.LIMIT_REACHED);

        assertThat(spec.handled().reply().limitType()).isEqualTo(LimitType.DAILY);
        assertThat(spec.handled().reply().resetsAt()).isEqualTo(Instant.parse("2026-03-11T00:00:00Z"));
        spec.at(Instant.parse("2026-03-11T00:00:01Z")).when(start("g4", "demo"))
                .thenEvents(new GenerationStarted("g4", "c1", "demo", "demo", false, 1, 3, null, null));
    }

    @Test
    void theMonthlyLimitHoldsAcrossDaysAndResetsOnTheFirst() {
        ChatSpec spec = given(new ConversationStarted("c1", null)).withPlans(TWO_A_DAY);
        Instant day = Instant.parse("2026-04-27T09:00:00Z");
        for (int i = 0; i < 5; i++) {
            run(spec.at(day.plusSeconds(86_400L * (i / 2))), start("g" + i, "demo"));
        }
        spec.at(Instant.parse("2026-04-30T09:00:00Z")).when(start("g5", "demo")).thenRejected(RejectionCode.LIMIT_REACHED);
        assertThat(spec.handled().reply().limitType()).isEqualTo(LimitType.MONTHLY);
        assertThat(spec.handled().reply().resetsAt()).isEqualTo(Instant.parse("2026-05-01T00:00:00Z"));
        spec.at(Instant.parse("2026-05-01T00:00:00Z")).when(start("g6", "demo"))
                .thenEvents(new GenerationStarted("g6", "c1", "demo", "demo", false, 1, 1, null, null));
    }

    @Test
    void thePlanClaimChoosesTheLimits() {
        ChatSpec spec = given(new ConversationStarted("c1", null)).withPlans(TWO_A_DAY);
        for (int i = 0; i < 4; i++) {
            run(spec, StartGeneration.bare("g" + i, "c1", "demo", "demo", "pro"));
        }
        spec.when(StartGeneration.bare("g9", "c1", "demo", "demo", "pro")).thenRejected(RejectionCode.LIMIT_REACHED);
        spec.when(StartGeneration.bare("g10", "c1", "demo", "demo", "unknown-plan")).thenRejected(RejectionCode.LIMIT_REACHED);
    }

    @Test
    void aGenerationOnTheUsersOwnKeyUsesNoFreeQuota() {
        ChatSpec spec = given(new ConversationStarted("c1", null),
                new ApiKeyStored(Provider.OPENAI, new SealedSecret("k1", "x"), "abcd", null)).withPlans(TWO_A_DAY);
        for (int i = 0; i < 5; i++) {
            spec.when(start("g" + i, "gpt-4o-mini"));
            assertThat(spec.events().get(0).payload()).isEqualTo(
                    new GenerationStarted("g" + i, "c1", "gpt-4o-mini", "openai", true, 0, 0, null, null));
            spec.when(CompleteGeneration.completed("g" + i, "stop", TokenUsage.NONE, 1));
        }
        spec.when(start("g9", "demo")).thenEvents(new GenerationStarted("g9", "c1", "demo", "demo", false, 1, 1, null, null));
    }

    @Test
    void aByokModelWithoutAKeyIsRefused() {
        given(new ConversationStarted("c1", null)).when(start("g1", "claude-sonnet-4-5")).thenRejected(RejectionCode.INVALID);
        given(new ConversationStarted("c1", null)).when(start("g1", "no-such-model")).thenRejected(RejectionCode.INVALID);
        given().when(start("g1", "demo")).thenRejected(RejectionCode.NOT_FOUND);
    }

    @Test
    void aCompletedGenerationCarriesItsUsageAndEnds() {
        TokenUsage usage = new TokenUsage(120, 40, 5);
        ChatSpec spec = given(new ConversationStarted("c1", null),
                new GenerationStarted("g1", "c1", "demo", "demo", false, 1, 1, null, null))
                .when(CompleteGeneration.completed("g1", "stop", usage, 850))
                .thenEvents(new GenerationCompleted("g1", "c1", "demo", "demo", false, "stop", usage, 850, null));
        assertThat(spec.state().generation("g1")).isEmpty();
        spec.when(CompleteGeneration.completed("g1", "stop", usage, 850)).thenRejected(RejectionCode.NOT_FOUND);
    }

    @Test
    void aChatTurnCreatesTheConversationAppendsTheMessageAndStartsTheReplyAtOnce() {
        ChatSpec spec = given().when(turn("g1", "new", true))
                .thenEvents(new ConversationStarted("new", null),
                        new MessageAppended("new", "u-g1", Role.USER, HELLO),
                        new GenerationStarted("g1", "new", "demo", "demo", false, 1, 1, "a-g1", null));
        assertThat(spec.state().conversation("new").orElseThrow().messageCount()).isEqualTo(1);
        given().when(turn("g1", "new", false)).thenRejected(RejectionCode.NOT_FOUND);
    }

    @Test
    void aTurnOverTheQuotaWritesNothingAtAll() {
        ChatSpec spec = given().withPlans(new QuotaPlans(new QuotaPlans.Limits(0, 10), Map.of()))
                .when(turn("g1", "c1", true)).thenRejected(RejectionCode.LIMIT_REACHED);
        assertThat(spec.state().conversations()).isEmpty();
        assertThat(spec.state().messageIds()).isEmpty();
    }

    @Test
    void aUserMessageMayOnlyHaveTextAndTakesAFreshId() {
        StartGeneration reasoning = new StartGeneration("g1", "c1", "demo", "demo", null, "a1",
                new StartGeneration.Prompt("u1", List.of(new ReasoningPart("sneaky"))), true, null);
        given().when(reasoning).thenRejected(RejectionCode.INVALID);
        ChatSpec spec = given();
        run(spec, turn("g1", "c1", true));
        spec.when(new StartGeneration("g2", "c1", "demo", "demo", null, "a2",
                new StartGeneration.Prompt("u-g1", HELLO), false, null)).thenRejected(RejectionCode.ALREADY_EXISTS);
    }

    @Test
    void oneReplyRunsPerConversationUntilItsRunnerIsPresumedLost() {
        Instant t0 = Instant.parse("2026-06-01T10:00:00Z");
        ChatSpec spec = given(new ConversationStarted("c1", null), new ConversationStarted("c2", null)).at(t0)
                .when(start("g1", "demo"));
        spec.at(t0.plusSeconds(60)).when(start("g2", "demo")).thenRejected(RejectionCode.ALREADY_EXISTS);
        spec.when(StartGeneration.bare("g3", "c2", "demo", "demo", null));
        assertThat(spec.handled().reply().isAccepted()).as("another conversation is free").isTrue();

        spec.at(t0.plus(GenerationDecisions.ABANDONED_AFTER)).when(start("g4", "demo"));
        assertThat(spec.events()).extracting(e -> e.payload().getClass().getSimpleName())
                .containsExactly("GenerationFailed", "GenerationStarted");
        assertThat(((GenerationFailed) spec.events().get(0).payload()).error()).startsWith("abandoned");
        assertThat(spec.state().generation("g1")).isEmpty();
    }

    @Test
    void theReplyIsAppendedWithAllItsPartsBeforeTheGenerationEnds() {
        ChatSpec spec = given().when(turn("g1", "c1", true))
                .when(new CompleteGeneration("g1", "stop", new TokenUsage(5, 3, 1), 40, Ending.COMPLETED, REPLY, null))
                .thenEvents(new MessageAppended("c1", "a-g1", Role.ASSISTANT, REPLY),
                        new GenerationCompleted("g1", "c1", "demo", "demo", false, "stop", new TokenUsage(5, 3, 1), 40, "a-g1"));
        assertThat(spec.state().conversation("c1").orElseThrow().messageCount()).isEqualTo(2);
    }

    @Test
    void aFailedOrStoppedReplyKeepsWhatWasProduced() {
        List<Part> partial = List.of(new TextPart("Once upon"));
        given().when(turn("g1", "c1", true))
                .when(new CompleteGeneration("g1", "error", TokenUsage.NONE, 9, Ending.FAILED, partial, "provider answered 500"))
                .thenEvents(new MessageAppended("c1", "a-g1", Role.ASSISTANT, partial),
                        new GenerationFailed("g1", "c1", "demo", "demo", false, "provider answered 500", TokenUsage.NONE, 9, "a-g1"));
        given().when(turn("g1", "c1", true))
                .when(new CompleteGeneration("g1", "stop", TokenUsage.NONE, 9, Ending.CANCELLED, partial, null))
                .thenEvents(new MessageAppended("c1", "a-g1", Role.ASSISTANT, partial),
                        new GenerationCancelled("g1", "c1", "demo", "demo", false, TokenUsage.NONE, 9, "a-g1"));
        given().when(turn("g1", "c1", true))
                .when(new CompleteGeneration("g1", "error", TokenUsage.NONE, 9, Ending.FAILED, List.of(), "timeout"))
                .thenEvents(new GenerationFailed("g1", "c1", "demo", "demo", false, "timeout", TokenUsage.NONE, 9, null));
    }

    @Test
    void aRegeneratedReplySupersedesTheOldOneWhichTheLogKeeps() {
        ChatSpec spec = given();
        spec.when(turn("g1", "c1", true))
                .when(new CompleteGeneration("g1", "stop", TokenUsage.NONE, 9, Ending.COMPLETED, REPLY, null));
        StartGeneration again = new StartGeneration("g2", "c1", "demo", "demo", null, "a-g2", null, false, "a-g1");
        spec.when(again).thenEvents(new GenerationStarted("g2", "c1", "demo", "demo", false, 2, 2, "a-g2", "a-g1"));
        List<Part> better = List.of(new TextPart("better"));
        spec.when(new CompleteGeneration("g2", "stop", TokenUsage.NONE, 9, Ending.COMPLETED, better, null))
                .thenEvents(new MessageSuperseded("c1", "a-g1", "a-g2"),
                        new MessageAppended("c1", "a-g2", Role.ASSISTANT, better),
                        new GenerationCompleted("g2", "c1", "demo", "demo", false, "stop", TokenUsage.NONE, 9, "a-g2"));
        assertThat(spec.state().conversation("c1").orElseThrow().messageCount()).isEqualTo(2);
        assertThat(spec.state().messageIdTaken("c1", "a-g1")).isFalse();

        spec.when(new StartGeneration("g3", "c1", "demo", "demo", null, "a-g3", null, false, "a-g1"))
                .thenRejected(RejectionCode.CONFLICT);
    }

    @Test
    void onlyTheLastReplyOfAConversationCanBeRegenerated() {
        ChatSpec spec = given();
        spec.when(turn("g1", "c1", true))
                .when(new CompleteGeneration("g1", "stop", TokenUsage.NONE, 9, Ending.COMPLETED, REPLY, null))
                .when(turn("g2", "c1", false))
                .when(new CompleteGeneration("g2", "stop", TokenUsage.NONE, 9, Ending.COMPLETED, REPLY, null));

        spec.when(new StartGeneration("g3", "c1", "demo", "demo", null, "a-g3", null, false, "a-g1"))
                .thenRejected(RejectionCode.CONFLICT);
        spec.when(new StartGeneration("g4", "c1", "demo", "demo", null, "a-g4", null, false, "a-g2"))
                .thenEvents(new GenerationStarted("g4", "c1", "demo", "demo", false, 3, 3, "a-g4", "a-g2"));
        assertThat(spec.state().generation("g4").orElseThrow().regeneratesPosition())
                .as("where the replaced reply stands: the fourth message").isEqualTo(4);
    }

    @Test
    void aGeneratedTitleNeverReplacesOneTheUserChose() {
        given(new ConversationStarted("c1", null)).when(new TitleConversation("c1", "Trip to Lisbon"))
                .thenEvents(new ConversationRenamed("c1", "Trip to Lisbon", TitleSource.AUTO));
        given(new ConversationStarted("c1", "Mine")).when(new TitleConversation("c1", "Trip to Lisbon"))
                .thenRejected(RejectionCode.ALREADY_EXISTS);
        given(new ConversationStarted("c1", null), new ConversationRenamed("c1", "Auto", TitleSource.AUTO))
                .when(new TitleConversation("c1", "Again")).thenEvents(new ConversationRenamed("c1", "Again", TitleSource.AUTO));
        given().when(new TitleConversation("c1", "x")).thenRejected(RejectionCode.NOT_FOUND);
    }
}
