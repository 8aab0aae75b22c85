package io.twobrains.processor.domain;

import io.twobrains.contract.profile.UserSettings;
import static io.twobrains.processor.domain.ChatSpec.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.twobrains.contract.command.AddMcpServer;
import io.twobrains.contract.command.ChangeMcpServer;
import io.twobrains.contract.command.ChangeSettings;
import io.twobrains.contract.command.RemoveApiKey;
import io.twobrains.contract.command.RemoveMcpServer;
import io.twobrains.contract.command.StoreApiKey;
import io.twobrains.contract.event.ApiKeyRemoved;
import io.twobrains.contract.event.ApiKeyStored;
import io.twobrains.contract.event.McpServerAdded;
import io.twobrains.contract.event.McpServerChanged;
import io.twobrains.contract.event.McpServerRemoved;
import io.twobrains.contract.event.RejectionCode;
import io.twobrains.contract.event.SettingsChanged;
import io.twobrains.contract.profile.McpTransport;
import io.twobrains.contract.profile.Provider;
import io.twobrains.contract.profile.SealedSecret;
import io.twobrains.contract.profile.SettingsPatch;
import io.twobrains.contract.profile.Theme;
import io.twobrains.contract.view.McpServerView;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProfileDecisionsTest {

    private static final SealedSecret SEALED = new SealedSecret("k1", "c2VhbGVk");
    private static final McpServerAdded DOCS = new McpServerAdded("docs", "Docs", "https://mcp.example.com/mcp",
            McpTransport.HTTP, SEALED, List.of("Authorization"), true);

    @Test
    void settingsChangeOnlyWhatThePatchNames() {
        SettingsPatch patch = new SettingsPatch(null, null, true, Theme.DARK, null, null);
        ChatSpec spec = given().when(new ChangeSettings(patch)).thenEvents(new SettingsChanged(patch));
        UserSettings settings = spec.state().profile().settings();
        assertThat(settings.theme()).isEqualTo(Theme.DARK);
        assertThat(settings.webSearchEnabled()).isTrue();
        assertThat(settings.selectedModel()).isEqualTo(UserSettings.defaults().selectedModel());
        assertThat(spec.handled().reply().settings().theme()).isEqualTo(Theme.DARK);
    }

    @Test
    void anUnknownModelOrServerOrAnEmptyPatchIsRefused() {
        given().when(new ChangeSettings(new SettingsPatch("gpt-99", null, null, null, null, null)))
                .thenRejected(RejectionCode.INVALID);
        given().when(new ChangeSettings(new SettingsPatch(null, null, null, null, null, List.of("nope"))))
                .thenRejected(RejectionCode.INVALID);
        given().when(new ChangeSettings(new SettingsPatch(null, null, null, null, null, null)))
                .thenRejected(RejectionCode.INVALID);
    }

    @Test
    void aStoredKeyShowsOnlyItsHint() {
        ChatSpec spec = given().when(new StoreApiKey(Provider.OPENAI, SEALED, "abcd", null))
                .thenEvents(new ApiKeyStored(Provider.OPENAI, SEALED, "abcd", null));
        assertThat(spec.handled().reply().settings().apiKeys()).containsOnlyKeys("openai");
        assertThat(spec.handled().reply().settings().apiKeys().get("openai").hint()).isEqualTo("abcd");
        assertThat(spec.handled().reply().toString()).doesNotContain("c2VhbGVk");
    }

    @Test
    void anOpenAiCompatibleKeyNeedsAnHttpBaseUrl() {
        given().when(new StoreApiKey(Provider.OPENAI_COMPATIBLE, SEALED, "abcd", null)).thenRejected(RejectionCode.INVALID);
        given().when(new StoreApiKey(Provider.OPENAI_COMPATIBLE, SEALED, "abcd", "ftp://x")).thenRejected(RejectionCode.INVALID);
        given().when(new StoreApiKey(Provider.OPENAI, SEALED, "abcd", "https://x")).thenRejected(RejectionCode.INVALID);
        given().when(new StoreApiKey(Provider.OPENAI_COMPATIBLE, SEALED, "abcd", "https://llm.example.com/v1"))
                .thenEvents(new ApiKeyStored(Provider.OPENAI_COMPATIBLE, SEALED, "abcd", "https://llm.example.com/v1"));
    }

    @Test
    void removingAKeyThatIsNotStoredIsNotFound() {
        given().when(new RemoveApiKey(Provider.GOOGLE)).thenRejected(RejectionCode.NOT_FOUND);
        given(new ApiKeyStored(Provider.GOOGLE, SEALED, "wxyz", null)).when(new RemoveApiKey(Provider.GOOGLE))
                .thenEvents(new ApiKeyRemoved(Provider.GOOGLE));
    }

    @Test
    void mcpServersAreAddedChangedAndRemovedWithMaskedHeaders() {
        ChatSpec spec = given().when(new AddMcpServer("docs", "Docs", "https://mcp.example.com/mcp", McpTransport.HTTP,
                SEALED, List.of("Authorization"), true)).thenEvents(DOCS);
        assertThat(spec.handled().reply().mcpServer().headers()).containsEntry("Authorization", McpServerView.MASK);

        spec.when(new ChangeMcpServer("docs", null, null, McpTransport.SSE, null, null, false))
                .thenEvents(new McpServerChanged("docs", "Docs", "https://mcp.example.com/mcp", McpTransport.SSE, SEALED,
                        List.of("Authorization"), false));
        spec.when(new ChangeSettings(new SettingsPatch(null, null, null, null, null, List.of("docs"))));
        spec.when(new RemoveMcpServer("docs")).thenEvents(new McpServerRemoved("docs"));
        assertThat(spec.state().profile().mcpServers()).isEmpty();
        assertThat(spec.state().profile().settings().enabledMcpServers()).isEmpty();
    }

    @Test
    void badMcpServersAreRefused() {
        given(DOCS).when(new AddMcpServer("docs", "Again", "https://x.example", McpTransport.HTTP, null, List.of(), true))
                .thenRejected(RejectionCode.ALREADY_EXISTS);
        given().when(new AddMcpServer("s", "S", "file:///etc/passwd", McpTransport.HTTP, null, List.of(), true))
                .thenRejected(RejectionCode.INVALID);
        given().when(new AddMcpServer("s", "S", "https://x.example", McpTransport.HTTP, null, List.of("Authorization"), true))
                .thenRejected(RejectionCode.INVALID); // header names without sealed headers
        given().when(new ChangeMcpServer("nope", "N", null, null, null, null, null)).thenRejected(RejectionCode.NOT_FOUND);
        given().when(new RemoveMcpServer("nope")).thenRejected(RejectionCode.NOT_FOUND);
    }
}
