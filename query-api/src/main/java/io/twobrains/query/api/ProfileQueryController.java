package io.twobrains.query.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.twobrains.contract.view.McpServerView;
import io.twobrains.contract.view.SettingsView;
import io.twobrains.query.db.Freshness;
import io.twobrains.query.db.GlobalReads;
import io.twobrains.service.security.ChatUser;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** Who the caller is, and the caller's settings and MCP servers from Postgres. Keys show as hints, header values masked. */
@Tag(name = "settings", description = "Read side of settings, keys and MCP servers: send X-Chat-Min-Seq to read your writes")
@RestController
class ProfileQueryController {

    private final GlobalReads reads;
    private final Freshness freshness;

    ProfileQueryController(GlobalReads reads, Freshness freshness) {
        this.reads = reads;
        this.freshness = freshness;
    }

    @Operation(summary = "Who the caller is: the user id, roles and plan of the token (or signed-in session)")
    @GetMapping("/api/me")
    ChatUser me(ChatUser user) {
        return user;
    }

    @Operation(summary = "Settings, with a hint of each stored key by provider")
    @GetMapping("/api/settings")
    Mono<ResponseEntity<SettingsView>> settings(ChatUser user, ServerWebExchange exchange) {
        return freshness.read(user.id(), exchange, reads.settings(user.id()));
    }

    @Operation(summary = "MCP servers, header values masked")
    @GetMapping("/api/mcp-servers")
    Mono<ResponseEntity<List<McpServerView>>> servers(ChatUser user, ServerWebExchange exchange) {
        return freshness.read(user.id(), exchange, reads.mcpServers(user.id()).collectList());
    }
}
