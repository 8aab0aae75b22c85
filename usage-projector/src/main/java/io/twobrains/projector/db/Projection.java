package io.twobrains.projector.db;

import io.twobrains.contract.event.ApiKeyRemoved;
import io.twobrains.contract.event.ApiKeyStored;
import io.twobrains.contract.event.EventEnvelope;
import io.twobrains.contract.event.GenerationCancelled;
import io.twobrains.contract.event.GenerationCompleted;
import io.twobrains.contract.event.GenerationEnded;
import io.twobrains.contract.event.GenerationStarted;
import io.twobrains.contract.event.McpServerAdded;
import io.twobrains.contract.event.McpServerChanged;
import io.twobrains.contract.event.McpServerRemoved;
import io.twobrains.contract.event.SecretsResealed;
import io.twobrains.contract.event.SettingsChanged;
import io.twobrains.contract.event.UserErased;
import io.twobrains.contract.profile.McpTransport;
import io.twobrains.contract.profile.SealedSecret;
import io.twobrains.contract.profile.UserSettings;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Folds one event into the global tables. Runs inside the batch's transaction; the caller has
 * already checked that the event's seq is new for its user.
 */
public class Projection {

    private final JdbcTemplate jdbc;

    public Projection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The last seq applied for a user, or 0. */
    public long lastSeq(String userId) {
        List<Long> seq = jdbc.queryForList("select last_seq from users where user_id = ?", Long.class, userId);
        return seq.isEmpty() ? 0 : seq.get(0);
    }

    public void apply(EventEnvelope event) {
        String user = event.userId();
        Timestamp at = Timestamp.from(event.occurredAt());
        Object payload = event.payload();
        // A re-seal is the operator's doing: the user was not seen then.
        Timestamp seen = payload instanceof SecretsResealed ? null : at;
        jdbc.update("""
                insert into users (user_id, first_seen_at, last_seen_at, last_seq) values (?, ?, ?, ?)
                on conflict (user_id) do update set last_seen_at = coalesce(excluded.last_seen_at, users.last_seen_at),
                    last_seq = excluded.last_seq, first_seen_at = coalesce(users.first_seen_at, excluded.first_seen_at)""",
                user, seen, seen, event.seq());
        if (payload instanceof SettingsChanged changed) {
            saveSettings(user, settings(user).apply(changed.changes()), at, event.seq());
        } else if (payload instanceof ApiKeyStored stored) {
            jdbc.update("""
                    insert into user_api_keys (user_id, provider, key_id, ciphertext, hint, base_url, updated_at, last_seq)
                    values (?, ?, ?, ?, ?, ?, ?, ?)
                    on conflict (user_id, provider) do update set key_id = excluded.key_id, ciphertext = excluded.ciphertext,
                        hint = excluded.hint, base_url = excluded.base_url, updated_at = excluded.updated_at,
                        last_seq = excluded.last_seq""",
                    user, stored.provider().id(), stored.secret().keyId(), stored.secret().ciphertext(), stored.hint(),
                    stored.baseUrl(), at, event.seq());
        } else if (payload instanceof SecretsResealed resealed) {
            reseal(user, resealed, event.seq());
        } else if (payload instanceof ApiKeyRemoved removed) {
            jdbc.update("delete from user_api_keys where user_id = ? and provider = ?", user, removed.provider().id());
        } else if (payload instanceof McpServerAdded added) {
            saveServer(user, added.serverId(), added.name(), added.url(), added.transport(), added.headers(),
                    added.headerNames(), added.enabled(), at, event.seq());
        } else if (payload instanceof McpServerChanged changed) {
            saveServer(user, changed.serverId(), changed.name(), changed.url(), changed.transport(), changed.headers(),
                    changed.headerNames(), changed.enabled(), at, event.seq());
        } else if (payload instanceof McpServerRemoved removed) {
            jdbc.update("delete from mcp_servers where user_id = ? and server_id = ?", user, removed.serverId());
            storedSettings(user).ifPresent(s -> saveSettings(user, s.withoutMcpServer(removed.serverId()), at, event.seq()));
        } else if (payload instanceof GenerationStarted started) {
            generationStarted(user, started, event);
        } else if (payload instanceof GenerationEnded ended) {
            generationEnded(user, ended, event);
        } else if (payload instanceof UserErased) {
            erase(user, event);
        }
    }

    /**
     * New ciphertexts of the same secrets: nothing else of the row changes, not even when it was last
     * updated (the user stored nothing), and nothing is counted.
     */
    private void reseal(String user, SecretsResealed resealed, long seq) {
        for (SecretsResealed.ApiKey key : resealed.apiKeys()) {
            jdbc.update("update user_api_keys set key_id = ?, ciphertext = ?, last_seq = ? where user_id = ? and provider = ?",
                    key.secret().keyId(), key.secret().ciphertext(), seq, user, key.provider().id());
        }
        for (SecretsResealed.McpHeaders headers : resealed.mcpHeaders()) {
            jdbc.update("""
                    update mcp_servers set headers_key_id = ?, headers_ciphertext = ?, last_seq = ?
                    where user_id = ? and server_id = ?""",
                    headers.headers().keyId(), headers.headers().ciphertext(), seq, user, headers.serverId());
        }
    }

    private void generationStarted(String user, GenerationStarted started, EventEnvelope event) {
        LocalDate day = day(event.occurredAt());
        jdbc.update("""
                insert into generations (user_id, generation_id, conversation_id, model, provider, byok, day, started_at, last_seq)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (user_id, generation_id) do nothing""",
                user, started.generationId(), started.conversationId(), started.model(), started.provider(), started.byok(),
                day, Timestamp.from(event.occurredAt()), event.seq());
        addUsage(user, day, started.model(), 1, started.byok() ? 0 : 1, started.byok() ? 1 : 0, 0, 0, 0, event.seq());
    }

    /**
     * Tokens count on the day the generation started, like its message; a failed or stopped one
     * counts what it used too. Its finish reason says how it ended (error, cancelled).
     */
    private void generationEnded(String user, GenerationEnded completed, EventEnvelope event) {
        String finishReason = completed instanceof GenerationCompleted done ? done.finishReason()
                : completed instanceof GenerationCancelled ? "cancelled" : "error";
        List<LocalDate> startDay = jdbc.queryForList("select day from generations where user_id = ? and generation_id = ?",
                LocalDate.class, user, completed.generationId());
        LocalDate day = startDay.isEmpty() ? day(event.occurredAt()) : startDay.get(0);
        jdbc.update("""
                update generations set completed_at = ?, finish_reason = ?, input_tokens = ?, output_tokens = ?,
                    reasoning_tokens = ?, latency_ms = ?, last_seq = ? where user_id = ? and generation_id = ?""",
                Timestamp.from(event.occurredAt()), finishReason, completed.usage().input(),
                completed.usage().output(), completed.usage().reasoning(), completed.latencyMs(), event.seq(), user,
                completed.generationId());
        addUsage(user, day, completed.model(), 0, 0, 0, completed.usage().input(), completed.usage().output(),
                completed.usage().reasoning(), event.seq());
    }

    private void addUsage(String user, LocalDate day, String model, long messages, long free, long byok, long input,
            long output, long reasoning, long seq) {
        jdbc.update("""
                insert into usage_daily (user_id, day, messages, free_messages, byok_messages, input_tokens, output_tokens,
                    reasoning_tokens, per_model, last_seq)
                values (?, ?, ?, ?, ?, ?, ?, ?, add_model_usage('{}'::jsonb, ?, ?, ?, ?, ?), ?)
                on conflict (user_id, day) do update set
                    messages = usage_daily.messages + excluded.messages,
                    free_messages = usage_daily.free_messages + excluded.free_messages,
                    byok_messages = usage_daily.byok_messages + excluded.byok_messages,
                    input_tokens = usage_daily.input_tokens + excluded.input_tokens,
                    output_tokens = usage_daily.output_tokens + excluded.output_tokens,
                    reasoning_tokens = usage_daily.reasoning_tokens + excluded.reasoning_tokens,
                    per_model = add_model_usage(usage_daily.per_model, ?, ?, ?, ?, ?),
                    last_seq = excluded.last_seq""",
                user, day, messages, free, byok, input, output, reasoning, model, messages, input, output, reasoning, seq,
                model, messages, input, output, reasoning);
    }

    /**
     * Erasure: the user's settings, keys, servers and generations go; usage rows stay for the totals
     * but under an anonymous id derived from the erasure event (so a replay gives the same tables).
     * The users row keeps the seq gate and that id, so that a user who comes back is still one person
     * for the analytics (a second erasure adds to the same anonymous rows).
     */
    private void erase(String user, EventEnvelope event) {
        for (String table : List.of("user_settings", "user_api_keys", "mcp_servers", "generations")) {
            jdbc.update("delete from " + table + " where user_id = ?", user);
        }
        String anonymous = jdbc.queryForObject("select coalesce(erased_as, ?) from users where user_id = ?",
                String.class, "erased-" + event.eventId(), user);
        jdbc.update("""
                insert into usage_daily (user_id, day, messages, free_messages, byok_messages, input_tokens, output_tokens,
                    reasoning_tokens, per_model, last_seq)
                select ?, day, messages, free_messages, byok_messages, input_tokens, output_tokens, reasoning_tokens,
                    per_model, last_seq from usage_daily where user_id = ?
                on conflict (user_id, day) do update set
                    messages = usage_daily.messages + excluded.messages,
                    free_messages = usage_daily.free_messages + excluded.free_messages,
                    byok_messages = usage_daily.byok_messages + excluded.byok_messages,
                    input_tokens = usage_daily.input_tokens + excluded.input_tokens,
                    output_tokens = usage_daily.output_tokens + excluded.output_tokens,
                    reasoning_tokens = usage_daily.reasoning_tokens + excluded.reasoning_tokens,
                    per_model = merge_model_usage(usage_daily.per_model, excluded.per_model),
                    last_seq = greatest(usage_daily.last_seq, excluded.last_seq)""", anonymous, user);
        jdbc.update("delete from usage_daily where user_id = ?", user);
        jdbc.update("update users set erased_as = ? where user_id = ?", anonymous, user);
        jdbc.update("update users set first_seen_at = null, last_seen_at = null, erased_at = ? where user_id = ?",
                Timestamp.from(event.occurredAt()), user);
    }

    private UserSettings settings(String user) {
        return storedSettings(user).orElse(UserSettings.defaults());
    }

    private Optional<UserSettings> storedSettings(String user) {
        return jdbc.query("select * from user_settings where user_id = ?", (row, n) -> SettingsRow.read(row), user)
                .stream().findFirst();
    }

    private void saveSettings(String user, UserSettings settings, Timestamp at, long seq) {
        jdbc.update("""
                insert into user_settings (user_id, selected_model, reasoning_effort, web_search_enabled, theme, chat_width,
                    enabled_mcp_servers, updated_at, last_seq) values (?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?)
                on conflict (user_id) do update set selected_model = excluded.selected_model,
                    reasoning_effort = excluded.reasoning_effort, web_search_enabled = excluded.web_search_enabled,
                    theme = excluded.theme, chat_width = excluded.chat_width,
                    enabled_mcp_servers = excluded.enabled_mcp_servers, updated_at = excluded.updated_at,
                    last_seq = excluded.last_seq""",
                user, settings.selectedModel(), SettingsRow.wire(settings.reasoningEffort()), settings.webSearchEnabled(),
                SettingsRow.wire(settings.theme()), SettingsRow.wire(settings.chatWidth()),
                SettingsRow.json(settings.enabledMcpServers()), at, seq);
    }

    private void saveServer(String user, String id, String name, String url, McpTransport transport, SealedSecret headers,
            List<String> headerNames, boolean enabled, Timestamp at, long seq) {
        jdbc.update("""
                insert into mcp_servers (user_id, server_id, name, url, transport, headers_key_id, headers_ciphertext,
                    header_names, enabled, updated_at, last_seq) values (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?)
                on conflict (user_id, server_id) do update set name = excluded.name, url = excluded.url,
                    transport = excluded.transport, headers_key_id = excluded.headers_key_id,
                    headers_ciphertext = excluded.headers_ciphertext, header_names = excluded.header_names,
                    enabled = excluded.enabled, updated_at = excluded.updated_at, last_seq = excluded.last_seq""",
                user, id, name, url, SettingsRow.wire(transport), headers == null ? null : headers.keyId(),
                headers == null ? null : headers.ciphertext(), SettingsRow.json(headerNames), enabled, at, seq);
    }

    private static LocalDate day(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC);
    }

    /** Every table the projector writes, for a replay to empty. */
    public static final List<String> TABLES = List.of("users", "user_settings", "user_api_keys", "mcp_servers",
            "usage_daily", "generations", "projector_offsets");
}
