package io.twobrains.query.db;

import io.r2dbc.spi.Readable;
import io.twobrains.contract.json.ChatJson;
import io.twobrains.contract.profile.ChatWidth;
import io.twobrains.contract.profile.McpTransport;
import io.twobrains.contract.profile.ReasoningEffort;
import io.twobrains.contract.profile.Theme;
import io.twobrains.contract.profile.UserSettings;
import io.twobrains.contract.view.ApiKeyView;
import io.twobrains.contract.view.McpServerView;
import io.twobrains.contract.view.SettingsView;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;

/** Reads of a user's own global data: settings, key hints, MCP servers, and how far the projector is. */
public class GlobalReads {

    private final DatabaseClient db;

    public GlobalReads(DatabaseClient db) {
        this.db = db;
    }

    /** The last of the user's seqs folded into Postgres (0 if none). */
    public Mono<Long> lastSeq(String userId) {
        return db.sql("select last_seq from users where user_id = :user").bind("user", userId)
                .map(row -> row.get("last_seq", Long.class)).one().defaultIfEmpty(0L);
    }

    public Mono<SettingsView> settings(String userId) {
        Mono<UserSettings> settings = db.sql("select selected_model, reasoning_effort, web_search_enabled, theme, chat_width, "
                        + "enabled_mcp_servers::text as enabled_mcp_servers from user_settings where user_id = :user").bind("user", userId)
                .map(GlobalReads::settingsRow).one().defaultIfEmpty(UserSettings.defaults());
        Mono<Map<String, ApiKeyView>> keys = db.sql("select provider, hint, base_url, updated_at from user_api_keys "
                        + "where user_id = :user").bind("user", userId)
                .map(row -> Map.entry(row.get("provider", String.class), new ApiKeyView(row.get("hint", String.class),
                        instant(row, "updated_at"), row.get("base_url", String.class))))
                .all().collectMap(Map.Entry::getKey, Map.Entry::getValue, TreeMap::new);
        return Mono.zip(settings, keys).map(both -> {
            UserSettings s = both.getT1();
            return new SettingsView(s.selectedModel(), s.reasoningEffort(), s.webSearchEnabled(), s.theme(),
                    s.chatWidth(), s.enabledMcpServers(), both.getT2());
        });
    }

    public Flux<McpServerView> mcpServers(String userId) {
        return db.sql("select server_id, name, url, transport, enabled, header_names::text as header_names "
                        + "from mcp_servers where user_id = :user order by server_id").bind("user", userId)
                .map(row -> {
                    Map<String, String> masked = new TreeMap<>();
                    strings(row.get("header_names", String.class)).forEach(name -> masked.put(name, McpServerView.MASK));
                    return new McpServerView(row.get("server_id", String.class), row.get("name", String.class),
                            row.get("url", String.class), wire(McpTransport.class, row.get("transport", String.class)),
                            masked, Boolean.TRUE.equals(row.get("enabled", Boolean.class)));
                }).all();
    }

    /** The user's own keys by provider: what makes bring-your-own-key models available. */
    public Flux<String> keyProviders(String userId) {
        return db.sql("select provider from user_api_keys where user_id = :user").bind("user", userId)
                .map(row -> row.get("provider", String.class)).all();
    }

    private static UserSettings settingsRow(Readable row) {
        return new UserSettings(row.get("selected_model", String.class),
                wire(ReasoningEffort.class, row.get("reasoning_effort", String.class)),
                Boolean.TRUE.equals(row.get("web_search_enabled", Boolean.class)),
                wire(Theme.class, row.get("theme", String.class)),
                wire(ChatWidth.class, row.get("chat_width", String.class)),
                strings(row.get("enabled_mcp_servers", String.class)));
    }

    static Instant instant(Readable row, String column) {
        OffsetDateTime value = row.get(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    static List<String> strings(String json) {
        return json == null ? List.of() : ChatJson.MAPPER.readValue(json, new TypeReference<List<String>>() { });
    }

    static <E extends Enum<E>> E wire(Class<E> type, String value) {
        return ChatJson.MAPPER.convertValue(value, type);
    }
}
