package io.twobrains.command.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.twobrains.crypto.SecretSealer;
import io.twobrains.command.mcp.McpUrlPolicy;
import io.twobrains.contract.command.ChangeSettings;
import io.twobrains.contract.command.RemoveApiKey;
import io.twobrains.contract.command.StoreApiKey;
import io.twobrains.contract.profile.Provider;
import io.twobrains.contract.profile.SealedSecret;
import io.twobrains.contract.profile.SettingsPatch;
import io.twobrains.contract.reply.Reply;
import io.twobrains.service.security.ChatUser;
import io.twobrains.service.web.ChatHeaders;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Settings and the user's own provider keys. A key is sealed here, before it enters Kafka; it is
 * never logged and never answered, only its last four characters.
 */
@Tag(name = "settings", description = "Write side of settings and keys: every answer carries X-Chat-Seq")
@RestController
@RequestMapping("/api/settings")
class SettingsCommandController {

    private static final String KEY_PURPOSE = SecretSealer.KEY_PURPOSE;

    private final CommandSender commands;
    private final SecretSealer sealer;
    private final McpUrlPolicy urls;

    SettingsCommandController(CommandSender commands, SecretSealer sealer, McpUrlPolicy urls) {
        this.urls = urls;
        this.commands = commands;
        this.sealer = sealer;
    }

    @Operation(summary = "Change any subset of the settings; answers the new settings")
    @PatchMapping
    Mono<ResponseEntity<Object>> change(ChatUser user, @RequestBody SettingsPatch patch,
            @RequestHeader(value = ChatHeaders.IDEMPOTENCY_KEY, required = false) String key, ServerHttpRequest request) {
        RequestRules.settings(patch);
        CommandIds.Identity identity = CommandIds.of(user.id(), key, "PATCH", request.getPath().value(), patch);
        return commands.send(user, identity, new ChangeSettings(patch), HttpStatus.OK, Reply::settings);
    }

    @Operation(summary = "Store your own key for a provider (openai, anthropic, google, openai-compatible with a baseUrl)")
    @PutMapping("/api-keys/{provider}")
    Mono<ResponseEntity<Object>> storeKey(ChatUser user, @PathVariable String provider, @RequestBody Requests.StoreKey body,
            @RequestHeader(value = ChatHeaders.IDEMPOTENCY_KEY, required = false) String key, ServerHttpRequest request) {
        Provider which = RequestRules.provider(provider);
        RequestRules.key(which, body);
        CommandIds.Identity identity = CommandIds.of(user.id(), key, "PUT", request.getPath().value(), body);
        SealedSecret sealed = sealer.seal(user.id(), KEY_PURPOSE + ":" + which.id(), body.key().getBytes(StandardCharsets.UTF_8));
        String hint = body.key().substring(Math.max(0, body.key().length() - 4));
        // An endpoint the service will call with the key: like an MCP server, never on its own network.
        Mono<Void> endpoint = body.baseUrl() == null ? Mono.empty() : urls.verify(body.baseUrl());
        return endpoint.then(Mono.defer(() -> commands.send(user, identity,
                new StoreApiKey(which, sealed, hint, body.baseUrl()), HttpStatus.NO_CONTENT, reply -> null)));
    }

    @Operation(summary = "Remove your key for a provider (404 if none is stored)")
    @DeleteMapping("/api-keys/{provider}")
    Mono<ResponseEntity<Object>> removeKey(ChatUser user, @PathVariable String provider,
            @RequestHeader(value = ChatHeaders.IDEMPOTENCY_KEY, required = false) String key, ServerHttpRequest request) {
        Provider which = RequestRules.provider(provider);
        CommandIds.Identity identity = CommandIds.of(user.id(), key, "DELETE", request.getPath().value(), null);
        return commands.send(user, identity, new RemoveApiKey(which), HttpStatus.NO_CONTENT, reply -> null);
    }
}
