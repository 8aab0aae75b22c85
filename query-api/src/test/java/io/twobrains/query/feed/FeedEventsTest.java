package io.twobrains.query.feed;

import static org.assertj.core.api.Assertions.assertThat;

import io.twobrains.contract.event.ApiKeyStored;
import io.twobrains.contract.event.CommandRejected;
import io.twobrains.contract.event.McpServerAdded;
import io.twobrains.contract.event.RejectionCode;
import io.twobrains.contract.profile.McpTransport;
import io.twobrains.contract.profile.Provider;
import io.twobrains.contract.profile.SealedSecret;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The feed never carries a sealed secret, and a refusal is not news. */
class FeedEventsTest {

    private static final SealedSecret SEALED = new SealedSecret("k1", "c2VhbGVkLXNlY3JldC1ieXRlcw");

    @Test
    void aStoredKeyShowsItsProviderAndHintOnly() {
        String shown = FeedEvents.view(new ApiKeyStored(Provider.OPENAI, SEALED, "wxyz", null)).orElseThrow().toString();

        assertThat(shown).contains("openai", "wxyz").doesNotContain("c2VhbGVk", "k1");
    }

    @Test
    void anMcpServerShowsWithoutItsHeaders() {
        String shown = FeedEvents.view(new McpServerAdded("docs", "Docs", "https://mcp.example.com", McpTransport.HTTP,
                SEALED, List.of("X-Api-Key"), true)).orElseThrow().toString();

        assertThat(shown).contains("docs").doesNotContain("c2VhbGVk", "X-Api-Key");
    }

    @Test
    void aRefusedCommandIsNotSent() {
        assertThat(FeedEvents.view(new CommandRejected("AppendMessage", RejectionCode.NOT_FOUND, "no"))).isEmpty();
    }
}
