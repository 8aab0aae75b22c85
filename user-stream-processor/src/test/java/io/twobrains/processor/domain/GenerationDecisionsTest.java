package io.twobrains.processor.domain;

import static io.twobrains.processor.domain.ChatSpec.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.twobrains.contract.command.CompleteGeneration;
import io.twobrains.contract.command.StartGeneration;
import io.twobrains.contract.event.ApiKeyStored;
import io.twobrains.contract.event.ConversationStarted;
import io.twobrains.contract.event.GenerationCompleted;
import io.twobrains.contract.event.GenerationStarted;
import io.twobrains.contract.event.RejectionCode;
import io.twobrains.contract.generation.LimitType;
import io.twobrains.contract.generation.TokenUsage;
import io.twobrains.contract.profile.Provider;
import io.twobrains.contract.profile.SealedSecret;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GenerationDecisionsTest {

    private static final QuotaPlans TWO_A_DAY = new QuotaPlans(new QuotaPlans.Limits(2, 5),
            Map.of("pro", new QuotaPlans.Limits(4, 100)));

    private static StartGeneration start(String id, String model) {
        return new StartGeneration(id, "c1", model, "ignored", null);
    }

    @Test
    void aFreeGenerationCountsAgainstTheDayAndTheMonth() {
        ChatSpec spec = given(new ConversationStarted("c1", null)).withPlans(TWO_A_DAY)
                .when(start("g1", "gpt-4o-mini"))
                .thenEvents(new GenerationStarted("g1", "c1", "gpt-4o-mini", "openai", false, 1, 1));
        assertThat(spec.state().generation("g1")).isPresent();
    }

    @Test
    void theDailyLimitIsExactAndSaysWhenItResets() {
        ChatSpec spec = given(new ConversationStarted("c1", null)).withPlans(TWO_A_DAY)
                .at(Instant.parse("2026-03-10T22:00:00Z"));
        spec.when(start("g1", "demo"));
        spec.when(start("g2", "demo"));
        spec.when(start("g3", "demo")).thenRejected(RejectionCode.LIMIT_REACHED);

        assertThat(spec.handled().reply().limitType()).isEqualTo(LimitType.DAILY);
        assertThat(spec.handled().reply().resetsAt()).isEqualTo(Instant.parse("2026-03-11T00:00:00Z"));
        spec.at(Instant.parse("2026-03-11T00:00:01Z")).when(start("g4", "demo"))
                .thenEvents(new GenerationStarted("g4", "c1", "demo", "demo", false, 1, 3));
    }

    @Test
    void theMonthlyLimitHoldsAcrossDaysAndResetsOnTheFirst() {
        ChatSpec spec = given(new ConversationStarted("c1", null)).withPlans(TWO_A_DAY);
        Instant day = Instant.parse("2026-04-27T09:00:00Z");
        for (int i = 0; i < 5; i++) {
            spec.at(day.plusSeconds(86_400L * (i / 2))).when(start("g" + i, "demo"));
        }
        spec.at(Instant.parse("2026-04-30T09:00:00Z")).when(start("g5", "demo")).thenRejected(RejectionCode.LIMIT_REACHED);
        assertThat(spec.handled().reply().limitType()).isEqualTo(LimitType.MONTHLY);
        assertThat(spec.handled().reply().resetsAt()).isEqualTo(Instant.parse("2026-05-01T00:00:00Z"));
        spec.at(Instant.parse("2026-05-01T00:00:00Z")).when(start("g6", "demo"))
                .thenEvents(new GenerationStarted("g6", "c1", "demo", "demo", false, 1, 1));
    }

    @Test
    void thePlanClaimChoosesTheLimits() {
        ChatSpec spec = given(new ConversationStarted("c1", null)).withPlans(TWO_A_DAY);
        for (int i = 0; i < 4; i++) {
            spec.when(new StartGeneration("g" + i, "c1", "demo", "demo", "pro"));
        }
        assertThat(spec.handled().reply().isAccepted()).isTrue();
        spec.when(new StartGeneration("g9", "c1", "demo", "demo", "pro")).thenRejected(RejectionCode.LIMIT_REACHED);
        spec.when(new StartGeneration("g10", "c1", "demo", "demo", "unknown-plan")).thenRejected(RejectionCode.LIMIT_REACHED);
    }

    @Test
    void aGenerationOnTheUsersOwnKeyUsesNoFreeQuota() {
        ChatSpec spec = given(new ConversationStarted("c1", null),
                new ApiKeyStored(Provider.OPENAI, new SealedSecret("k1", "x"), "abcd", null)).withPlans(TWO_A_DAY);
        for (int i = 0; i < 5; i++) {
            spec.when(start("g" + i, "gpt-4o-mini"));
            assertThat(spec.events().get(0).payload()).isEqualTo(
                    new GenerationStarted("g" + i, "c1", "gpt-4o-mini", "openai", true, 0, 0));
        }
        spec.when(start("g9", "demo")).thenEvents(new GenerationStarted("g9", "c1", "demo", "demo", false, 1, 1));
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
                new GenerationStarted("g1", "c1", "demo", "demo", false, 1, 1))
                .when(new CompleteGeneration("g1", "stop", usage, 850))
                .thenEvents(new GenerationCompleted("g1", "c1", "demo", "demo", false, "stop", usage, 850));
        assertThat(spec.state().generation("g1")).isEmpty();
        spec.when(new CompleteGeneration("g1", "stop", usage, 850)).thenRejected(RejectionCode.NOT_FOUND);
    }
}
