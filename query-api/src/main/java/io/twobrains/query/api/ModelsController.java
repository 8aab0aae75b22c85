package io.twobrains.query.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.twobrains.contract.model.Model;
import io.twobrains.contract.model.ModelCatalog;
import io.twobrains.query.QueryApiProperties;
import io.twobrains.query.db.Freshness;
import io.twobrains.query.db.GlobalReads;
import io.twobrains.service.security.ChatUser;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** The model catalog, each model marked available or not for the caller. */
@Tag(name = "models")
@RestController
class ModelsController {

    /** A catalog entry as the caller sees it. */
    record ModelEntry(String id, String name, String provider, Model.Tier tier, List<String> capabilities,
            long contextWindow, long maxOutput, Model.Cost costPerMillion, boolean available) {
    }

    private final GlobalReads reads;
    private final QueryApiProperties properties;
    private final Freshness freshness;

    ModelsController(GlobalReads reads, QueryApiProperties properties, Freshness freshness) {
        this.reads = reads;
        this.properties = properties;
        this.freshness = freshness;
    }

    @Operation(summary = "Free models are available when the service has a key for their provider; "
            + "bring-your-own-key models when you stored a key for theirs; X-Chat-Min-Seq as for every read")
    @GetMapping("/api/models")
    Mono<ResponseEntity<List<ModelEntry>>> models(ChatUser user, ServerWebExchange exchange) {
        // Which keys the user has is read from the projection: as new as the caller asks (a key just stored).
        return freshness.read(user.id(), exchange, reads.keyProviders(user.id()).collect(Collectors.toSet())
                .map(keys -> ModelCatalog.builtIn().models().stream().map(model -> entry(model, keys)).toList()));
    }

    private ModelEntry entry(Model model, Set<String> userKeys) {
        boolean available = userKeys.contains(model.provider())
                || model.tier() == Model.Tier.FREE && properties.appProviders().contains(model.provider());
        return new ModelEntry(model.id(), model.name(), model.provider(), model.tier(), model.capabilities(),
                model.contextWindow(), model.maxOutput(), model.costPerMillion(), available);
    }
}
