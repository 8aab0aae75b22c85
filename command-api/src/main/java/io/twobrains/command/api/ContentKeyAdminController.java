package io.twobrains.command.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.twobrains.command.reseal.SecretReseal;
import io.twobrains.crypto.ContentKeyPurge;
import io.twobrains.crypto.ContentKeys;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * The operator's commands on what master keys seal (the admin role only, as every {@code /api/admin}
 * path): the forced purge of destroyed data keys, and the re-seal of everything an older master key
 * sealed with the current one (users' data keys in the vault, and their provider keys and MCP headers,
 * which live in the log), after which the older master key can be retired.
 */
@Tag(name = "admin")
@RestController
class ContentKeyAdminController {

    private final ContentKeys keys;
    private final ContentKeyPurge purge;
    private final SecretReseal secrets;

    ContentKeyAdminController(ContentKeys keys, ContentKeyPurge purge, SecretReseal secrets) {
        this.keys = keys;
        this.purge = purge;
        this.secrets = secrets;
    }

    @Operation(summary = "Purge destroyed data keys from PostgreSQL's files now, rather than within the purge window (204)")
    @PostMapping("/api/admin/content-keys/purge")
    Mono<ResponseEntity<Void>> purge() {
        return purge.purgeNow().thenReturn(ResponseEntity.noContent().build());
    }

    @Operation(summary = "Seal everything an older master key sealed with the current one, so the older key can be"
            + " retired: every data key, and every user's provider keys and MCP headers (one command per user,"
            + " never overwriting a secret the user changed meanwhile). Answers counts only: {resealed (data keys),"
            + " secrets: {users, secrets, applied, changedMeanwhile, failed}}; call again until secrets.secrets is 0")
    @PostMapping("/api/admin/content-keys/reseal")
    Mono<Map<String, Object>> reseal() {
        return keys.reseal().flatMap(dataKeys -> secrets.resealAll().map(report -> {
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("resealed", dataKeys);
            answer.put("secrets", report);
            return answer;
        }));
    }
}
