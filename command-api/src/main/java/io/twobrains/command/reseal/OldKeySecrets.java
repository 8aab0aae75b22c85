package io.twobrains.command.reseal;

import io.twobrains.contract.profile.Provider;
import io.twobrains.contract.profile.SealedSecret;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

/**
 * Every user's sealed secrets that a master key other than the current one sealed, from the global
 * brain (the projector's {@code user_api_keys} and {@code mcp_servers}), one {@link UserSecrets} per
 * user. Those tables lag behind the log, so what they show is what a re-seal expects to find, which the
 * processor checks before it replaces anything.
 */
@Component
class OldKeySecrets {

    private final DatabaseClient db;

    OldKeySecrets(DatabaseClient db) {
        this.db = db;
    }

    private record Row(String userId, String place, String name, SealedSecret sealed) {
    }

    Flux<UserSecrets> sealedWithOtherThan(String currentKeyId) {
        return db.sql("""
                        select user_id, 'api-key' as place, provider as name, key_id, ciphertext
                            from user_api_keys where key_id <> $1
                        union all
                        select user_id, 'mcp-headers', server_id, headers_key_id, headers_ciphertext
                            from mcp_servers where headers_key_id is not null and headers_key_id <> $1
                        order by user_id""")
                .bind("$1", currentKeyId)
                .map(row -> new Row(row.get("user_id", String.class), row.get("place", String.class),
                        row.get("name", String.class),
                        new SealedSecret(row.get("key_id", String.class), row.get("ciphertext", String.class))))
                .all()
                .bufferUntilChanged(Row::userId)
                .map(OldKeySecrets::ofOneUser);
    }

    private static UserSecrets ofOneUser(List<Row> rows) {
        Map<Provider, SealedSecret> keys = new HashMap<>();
        Map<String, SealedSecret> headers = new HashMap<>();
        for (Row row : rows) {
            if (row.place().equals("mcp-headers")) {
                headers.put(row.name(), row.sealed());
            } else {
                // A provider this version does not know has no key to re-seal here; it stays as it is.
                Provider.byId(row.name()).ifPresent(provider -> keys.put(provider, row.sealed()));
            }
        }
        return new UserSecrets(rows.get(0).userId(), keys, headers);
    }
}
