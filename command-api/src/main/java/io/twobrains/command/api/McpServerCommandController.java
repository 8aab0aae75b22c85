package io.twobrains.command.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.twobrains.crypto.SecretSealer;
import io.twobrains.command.mcp.McpUrlPolicy;
import io.twobrains.contract.command.AddMcpServer;
import io.twobrains.contract.command.ChangeMcpServer;
import io.twobrains.contract.command.RemoveMcpServer;
import io.twobrains.contract.json.ChatJson;
import io.twobrains.contract.profile.SealedSecret;
import io.twobrains.contract.reply.Reply;
import io.twobrains.service.security.ChatUser;
import io.twobrains.service.web.ChatHeaders;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * The user's MCP servers. Header values are sealed here; only their names are ever shown. A URL must
 * be http(s) and must not lead into the service's own network unless allow-listed.
 */
@Tag(name = "mcp-servers", description = "Write side of MCP servers: every answer carries X-Chat-Seq")
@RestController
@RequestMapping("/api/mcp-servers")
class McpServerCommandController {

    private static final String HEADERS_PURPOSE = SecretSealer.HEADERS_PURPOSE;

    private final CommandSender commands;
    private final SecretSealer sealer;
    private final McpUrlPolicy urls;

    McpServerCommandController(CommandSender commands, SecretSealer sealer, McpUrlPolicy urls) {
        this.commands = commands;
        this.sealer = sealer;
        this.urls = urls;
    }

    @Operation(summary = "Add an MCP server {id?, name, url, transport: http|sse, headers?, enabled?} (201)")
    @PostMapping
    Mono<ResponseEntity<Object>> add(ChatUser user, @RequestBody Requests.AddServer body,
            @RequestHeader(value = ChatHeaders.IDEMPOTENCY_KEY, required = false) String key, ServerHttpRequest request) {
        RequestRules.server(body);
        CommandIds.Identity identity = CommandIds.of(user.id(), key, "POST", request.getPath().value(), body);
        String id = body.id() == null ? identity.newResourceId() : body.id();
        return checkedUrl(body.url()).then(Mono.defer(() -> {
            Map<String, String> headers = body.headers() == null ? Map.of() : new TreeMap<>(body.headers());
            AddMcpServer command = new AddMcpServer(id, body.name(), body.url(), body.transport(), seal(user, id, headers),
                    List.copyOf(headers.keySet()), body.enabled() == null || body.enabled());
            return commands.send(user, identity, command, HttpStatus.CREATED, Reply::mcpServer)
                    .map(answer -> answer.getStatusCode().is2xxSuccessful()
                            ? ResponseEntity.status(answer.getStatusCode()).headers(answer.getHeaders())
                                    .location(URI.create("/api/mcp-servers/" + id)).body(answer.getBody())
                            : answer);
        }));
    }

    @Operation(summary = "Change an MCP server; headers, when given, replace all headers")
    @PatchMapping("/{id}")
    Mono<ResponseEntity<Object>> change(ChatUser user, @PathVariable String id, @RequestBody Requests.ChangeServer body,
            @RequestHeader(value = ChatHeaders.IDEMPOTENCY_KEY, required = false) String key, ServerHttpRequest request) {
        RequestRules.id("server id", id);
        RequestRules.serverChange(body);
        CommandIds.Identity identity = CommandIds.of(user.id(), key, "PATCH", request.getPath().value(), body);
        Mono<Void> urlCheck = body.url() == null ? Mono.empty() : checkedUrl(body.url());
        return urlCheck.then(Mono.defer(() -> {
            Map<String, String> headers = body.headers() == null ? null : new TreeMap<>(body.headers());
            ChangeMcpServer command = new ChangeMcpServer(id, body.name(), body.url(), body.transport(),
                    headers == null ? null : seal(user, id, headers), headers == null ? null : List.copyOf(headers.keySet()),
                    body.enabled());
            return commands.send(user, identity, command, HttpStatus.OK, Reply::mcpServer);
        }));
    }

    @Operation(summary = "Remove an MCP server (204, or 404)")
    @DeleteMapping("/{id}")
    Mono<ResponseEntity<Object>> remove(ChatUser user, @PathVariable String id,
            @RequestHeader(value = ChatHeaders.IDEMPOTENCY_KEY, required = false) String key, ServerHttpRequest request) {
        RequestRules.id("server id", id);
        CommandIds.Identity identity = CommandIds.of(user.id(), key, "DELETE", request.getPath().value(), null);
        return commands.send(user, identity, new RemoveMcpServer(id), HttpStatus.NO_CONTENT, reply -> null);
    }

    /** DNS resolution blocks: it runs off the event loop. */
    private Mono<Void> checkedUrl(String url) {
        return urls.verify(url);
    }

    private SealedSecret seal(ChatUser user, String serverId, Map<String, String> headers) {
        return headers.isEmpty() ? null
                : sealer.seal(user.id(), HEADERS_PURPOSE + ":" + serverId, ChatJson.MAPPER.writeValueAsBytes(headers));
    }
}
