package io.twobrains.query.feed;

import io.twobrains.contract.content.ContentCipher;
import static org.assertj.core.api.Assertions.assertThat;

import io.twobrains.contract.event.ApiKeyStored;
import io.twobrains.contract.event.CommandRejected;
import io.twobrains.contract.event.McpServerAdded;
import io.twobrains.contract.event.RejectionCode;
import io.twobrains.contract.event.SecretsResealed;
import io.twobrains.contract.profile.McpTransport;
import io.twobrains.contract.profile.Provider;
import io.twobrains.contract.profile.SealedSecret;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The feed never carries a sealed secret, and a refusal is not news. */
class FeedEventsTest {

    private static final ContentCipher ALICE = new ContentCipher("alice", ContentCipher.newKey());
    private static final FeedEvents FEED = new FeedEvents(ALICE);

    private static final SealedSecret SEALED = new SealedSecret("k1", "c2VhbGVkLXNlY3JldC1ieXRlcw");

    @Test
    void aStoredKeyShowsItsProviderAndHintOnly() {
        String shown = FEED.view(new ApiKeyStored(Provider.OPENAI, SEALED, "wxyz", null)).orElseThrow().toString();

        assertThat(shown).contains("openai", "wxyz").doesNotContain("c2VhbGVk", "k1");
    }

    @Test
    void anMcpServerShowsWithoutItsHeaders() {
        String shown = FEED.view(new McpServerAdded("docs", "Docs", "https://mcp.example.com", McpTransport.HTTP,
                SEALED, List.of("X-Api-Key"), true)).orElseThrow().toString();

        assertThat(shown).contains("docs").doesNotContain("c2VhbGVk", "X-Api-Key");
    }

    @Test
    void aRefusedCommandIsNotSent() {
        assertThat(FEED.view(new CommandRejected("AppendMessage", RejectionCode.NOT_FOUND, "no"))).isEmpty();
    }

    @Test
    void aResealIsNotNewsForTheUsersTabs() {
        assertThat(FEED.view(new SecretsResealed(List.of(new SecretsResealed.ApiKey(Provider.OPENAI, SEALED)),
                List.of(new SecretsResealed.McpHeaders("docs", SEALED))))).isEmpty();
    }

    @Test
    void titlesAndMessagesAreOpenedForTheUserTheFeedGoesTo() {
        String title = io.twobrains.contract.content.SealedContent.sealTitle(ALICE, "c1", "Canary plans");
        java.util.List<io.twobrains.contract.message.Part> parts = io.twobrains.contract.content.SealedContent.seal(ALICE,
                "c1", "m1", java.util.List.of(new io.twobrains.contract.message.TextPart("the canary sings")));

        assertThat(FEED.view(new io.twobrains.contract.event.ConversationStarted("c1", title)).orElseThrow().toString())
                .contains("Canary plans").doesNotContain(ContentCipher.PREFIX);
        assertThat(FEED.view(new io.twobrains.contract.event.MessageAppended("c1", "m1",
                io.twobrains.contract.message.Role.USER, parts)).orElseThrow().toString())
                .contains("the canary sings").doesNotContain(ContentCipher.PREFIX);
    }
}
