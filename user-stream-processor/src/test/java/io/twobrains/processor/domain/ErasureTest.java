package io.twobrains.processor.domain;

import static io.twobrains.processor.domain.ChatSpec.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.twobrains.contract.command.EraseUser;
import io.twobrains.contract.command.StartConversation;
import io.twobrains.contract.event.ApiKeyStored;
import io.twobrains.contract.event.ConversationStarted;
import io.twobrains.contract.event.GenerationStarted;
import io.twobrains.contract.event.MessageAppended;
import io.twobrains.contract.event.UserErased;
import io.twobrains.contract.message.Role;
import io.twobrains.contract.message.TextPart;
import io.twobrains.contract.profile.Provider;
import io.twobrains.contract.profile.SealedSecret;
import java.util.List;
import org.junit.jupiter.api.Test;

class ErasureTest {

    @Test
    void erasureRemovesEverythingButTheSeqAndTheQuotaUsed() {
        ChatSpec spec = given(
                new ConversationStarted("c1", "private"),
                new MessageAppended("c1", "m1", Role.USER, List.of(new TextPart("secret"))),
                new ApiKeyStored(Provider.OPENAI, new SealedSecret("k1", "x"), "abcd", null),
                new GenerationStarted("g1", "c1", "demo", "demo", false, 1, 1, null, null))
                .when(new EraseUser())
                .thenEvents(new UserErased());

        Slice state = spec.state();
        assertThat(state.wiped()).isTrue();
        assertThat(state.conversations()).isEmpty();
        assertThat(state.appended()).isEmpty();
        assertThat(state.generations()).isEmpty();
        assertThat(state.profile()).isEqualTo(Profile.empty());
        assertThat(state.user().seq()).isEqualTo(5);
        assertThat(state.user().dailyCount()).as("erasing does not buy a fresh quota").isEqualTo(1);
        assertThat(state.user().monthlyCount()).isEqualTo(1);
        spec.when(new StartConversation("c1", null));
        assertThat(spec.events().get(0).seq()).isEqualTo(6);
    }
}
