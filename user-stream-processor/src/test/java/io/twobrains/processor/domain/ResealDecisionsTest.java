package io.twobrains.processor.domain;

import static io.twobrains.processor.domain.ChatSpec.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.twobrains.contract.command.ResealSecrets;
import io.twobrains.contract.event.ApiKeyRemoved;
import io.twobrains.contract.event.ApiKeyStored;
import io.twobrains.contract.event.McpServerAdded;
import io.twobrains.contract.event.McpServerRemoved;
import io.twobrains.contract.event.RejectionCode;
import io.twobrains.contract.event.SecretsResealed;
import io.twobrains.contract.profile.McpTransport;
import io.twobrains.contract.profile.Provider;
import io.twobrains.contract.profile.SealedSecret;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The operator's re-seal is a compare-and-set: it never overwrites what the user stored since. */
class ResealDecisionsTest {

    private static final SealedSecret OLD_KEY = new SealedSecret("old", "b2xkLWtleQ");
    private static final SealedSecret NEW_KEY = new SealedSecret("new", "bmV3LWtleQ");
    private static final SealedSecret OLD_GOOGLE = new SealedSecret("old", "b2xkLWdvb2dsZQ");
    private static final SealedSecret NEW_GOOGLE = new SealedSecret("new", "bmV3LWdvb2dsZQ");
    private static final SealedSecret OLD_HEADERS = new SealedSecret("old", "b2xkLWhlYWRlcnM");
    private static final SealedSecret NEW_HEADERS = new SealedSecret("new", "bmV3LWhlYWRlcnM");
    private static final SealedSecret USERS_OWN_CHANGE = new SealedSecret("new", "dXNlcnMtb3du");

    private static final ApiKeyStored OPENAI_KEY = new ApiKeyStored(Provider.OPENAI, OLD_KEY, "abcd", null);
    private static final ApiKeyStored GOOGLE_KEY = new ApiKeyStored(Provider.GOOGLE, OLD_GOOGLE, "wxyz", null);
    private static final McpServerAdded DOCS = new McpServerAdded("docs", "Docs", "https://mcp.example.com/mcp",
            McpTransport.HTTP, OLD_HEADERS, List.of("Authorization"), true);

    private static ResealSecrets reseal(List<ResealSecrets.ApiKey> keys, List<ResealSecrets.McpHeaders> headers) {
        return new ResealSecrets(keys, headers);
    }

    @Test
    void everySecretStillSealedAsExpectedIsReplacedAndNothingElseOfItChanges() {
        ChatSpec spec = given(OPENAI_KEY, DOCS);
        Profile.StoredKey before = spec.state().profile().apiKeys().get(Provider.OPENAI);

        spec.when(reseal(List.of(new ResealSecrets.ApiKey(Provider.OPENAI, OLD_KEY, NEW_KEY)),
                        List.of(new ResealSecrets.McpHeaders("docs", OLD_HEADERS, NEW_HEADERS))))
                .thenEvents(new SecretsResealed(List.of(new SecretsResealed.ApiKey(Provider.OPENAI, NEW_KEY)),
                        List.of(new SecretsResealed.McpHeaders("docs", NEW_HEADERS))));

        Profile profile = spec.state().profile();
        assertThat(profile.apiKeys().get(Provider.OPENAI))
                .isEqualTo(new Profile.StoredKey(NEW_KEY, "abcd", null, before.updatedAt()));
        assertThat(profile.mcpServers().get("docs")).isEqualTo(new Profile.McpServer("docs", "Docs",
                "https://mcp.example.com/mcp", McpTransport.HTTP, NEW_HEADERS, List.of("Authorization"), true));
        assertThat(spec.handled().reply().isAccepted()).isTrue();
        assertThat(spec.handled().reply().toString()).doesNotContain("bmV3", "b2xk");
    }

    @Test
    void aKeyTheUserChangedMeanwhileKeepsTheUsersValueWhileTheOthersAreResealed() {
        ChatSpec spec = given(OPENAI_KEY, GOOGLE_KEY, DOCS)
                .and(new ApiKeyStored(Provider.OPENAI, USERS_OWN_CHANGE, "efgh", null));

        spec.when(reseal(List.of(new ResealSecrets.ApiKey(Provider.OPENAI, OLD_KEY, NEW_KEY),
                                new ResealSecrets.ApiKey(Provider.GOOGLE, OLD_GOOGLE, NEW_GOOGLE)),
                        List.of(new ResealSecrets.McpHeaders("docs", OLD_HEADERS, NEW_HEADERS))))
                .thenEvents(new SecretsResealed(List.of(new SecretsResealed.ApiKey(Provider.GOOGLE, NEW_GOOGLE)),
                        List.of(new SecretsResealed.McpHeaders("docs", NEW_HEADERS))));

        assertThat(spec.state().profile().apiKeys().get(Provider.OPENAI).secret()).isEqualTo(USERS_OWN_CHANGE);
        assertThat(spec.state().profile().apiKeys().get(Provider.GOOGLE).secret()).isEqualTo(NEW_GOOGLE);
    }

    @Test
    void whenNoSecretIsAsExpectedAnyMoreTheResealIsAConflictAndChangesNothing() {
        ChatSpec spec = given(OPENAI_KEY, DOCS, new ApiKeyRemoved(Provider.OPENAI), new McpServerRemoved("docs"),
                new ApiKeyStored(Provider.GOOGLE, USERS_OWN_CHANGE, "wxyz", null));
        Profile before = spec.state().profile();

        spec.when(reseal(List.of(new ResealSecrets.ApiKey(Provider.OPENAI, OLD_KEY, NEW_KEY),
                                new ResealSecrets.ApiKey(Provider.GOOGLE, OLD_GOOGLE, NEW_GOOGLE)),
                        List.of(new ResealSecrets.McpHeaders("docs", OLD_HEADERS, NEW_HEADERS))))
                .thenRejected(RejectionCode.CONFLICT);

        assertThat(spec.state().profile()).isEqualTo(before);
    }

    @Test
    void aResealThatNamesNothingOrASecretTwiceOrLacksAValueIsInvalid() {
        given(OPENAI_KEY).when(reseal(List.of(), List.of())).thenRejected(RejectionCode.INVALID);
        given(OPENAI_KEY).when(reseal(List.of(new ResealSecrets.ApiKey(Provider.OPENAI, OLD_KEY, NEW_KEY),
                new ResealSecrets.ApiKey(Provider.OPENAI, OLD_KEY, NEW_GOOGLE)), List.of())).thenRejected(RejectionCode.INVALID);
        given(OPENAI_KEY).when(reseal(List.of(new ResealSecrets.ApiKey(Provider.OPENAI, OLD_KEY, null)), List.of()))
                .thenRejected(RejectionCode.INVALID);
        given(DOCS).when(reseal(List.of(), List.of(new ResealSecrets.McpHeaders(null, OLD_HEADERS, NEW_HEADERS))))
                .thenRejected(RejectionCode.INVALID);
    }

    @Test
    void aFoldOfTheLogEndsInTheResealedValuesWhateverTheOldOnesWere() {
        SecretsResealed resealed = new SecretsResealed(List.of(new SecretsResealed.ApiKey(Provider.OPENAI, NEW_KEY)),
                List.of(new SecretsResealed.McpHeaders("docs", NEW_HEADERS)));

        Profile rebuilt = given(OPENAI_KEY, DOCS, resealed).state().profile();

        assertThat(rebuilt.apiKeys().get(Provider.OPENAI).secret()).isEqualTo(NEW_KEY);
        assertThat(rebuilt.mcpServers().get("docs").headers()).isEqualTo(NEW_HEADERS);
        assertThat(given(resealed).state().profile()).as("a re-seal of nothing stored adds nothing")
                .isEqualTo(Profile.empty());
    }
}
