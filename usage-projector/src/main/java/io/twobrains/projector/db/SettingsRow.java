package io.twobrains.projector.db;

import io.twobrains.contract.json.ChatJson;
import io.twobrains.contract.profile.ChatWidth;
import io.twobrains.contract.profile.ReasoningEffort;
import io.twobrains.contract.profile.Theme;
import io.twobrains.contract.profile.UserSettings;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import tools.jackson.core.type.TypeReference;

/** user_settings rows to and from {@link UserSettings}; enums are stored by their wire names. */
final class SettingsRow {

    private SettingsRow() {
    }

    static UserSettings read(ResultSet row) throws SQLException {
        return new UserSettings(row.getString("selected_model"),
                enumOf(ReasoningEffort.class, row.getString("reasoning_effort")),
                row.getBoolean("web_search_enabled"),
                enumOf(Theme.class, row.getString("theme")),
                enumOf(ChatWidth.class, row.getString("chat_width")),
                ChatJson.MAPPER.readValue(row.getString("enabled_mcp_servers"), new TypeReference<List<String>>() { }));
    }

    static String wire(Enum<?> value) {
        return ChatJson.MAPPER.valueToTree(value).asString();
    }

    static String json(Object value) {
        return ChatJson.MAPPER.writeValueAsString(value);
    }

    private static <E extends Enum<E>> E enumOf(Class<E> type, String wire) {
        return ChatJson.MAPPER.convertValue(wire, type);
    }
}
