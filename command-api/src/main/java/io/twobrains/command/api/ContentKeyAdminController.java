package io.twobrains.command.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.twobrains.crypto.ContentKeyPurge;
import io.twobrains.crypto.ContentKeys;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * The operator's commands on users' data keys (the admin role only, as every {@code /api/admin} path):
 * the forced purge of destroyed keys, and the re-seal of every key with the current master key, after
 * which an old master key can be retired.
 */
@Tag(name = "admin")
@RestController
class ContentKeyAdminController {

    private final ContentKeys keys;
    private final ContentKeyPurge purge;

    ContentKeyAdminController(ContentKeys keys, ContentKeyPurge purge) {
        this.keys = keys;
        this.purge = purge;
    }

    @Operation(summary = "Purge destroyed data keys from PostgreSQL's files now, rather than within the purge window (204)")
    @PostMapping("/api/admin/content-keys/purge")
    Mono<ResponseEntity<Void>> purge() {
        return purge.purgeNow().thenReturn(ResponseEntity.noContent().build());
    }

    @Operation(summary = "Seal every data key with the current master key: {resealed}")
    @PostMapping("/api/admin/content-keys/reseal")
    Mono<Map<String, Long>> reseal() {
        return keys.reseal().map(count -> Map.of("resealed", count));
    }
}
