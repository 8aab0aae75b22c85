package io.twobrains.command.chat;

import io.modelcontextprotocol.client.McpAsyncClient;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.twobrains.crypto.SecretSealer;
import io.twobrains.command.egress.PinnedHttp;
import io.twobrains.contract.json.ChatJson;
import io.twobrains.contract.profile.McpTransport;
import io.twobrains.contract.view.ChatContextView;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.ai.mcp.client.webflux.transport.WebClientStreamableHttpTransport;
import org.springframework.ai.mcp.client.webflux.transport.WebFluxSseClientTransport;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.definition.DefaultToolDefinition;
import org.springframework.ai.tool.definition.ToolDefinition;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;

/**
 * The tools of a user's enabled MCP servers (Streamable HTTP or SSE), for one generation. Each server is
 * connected with the user's headers (opened here, for the connection only), through the pinned client:
 * every connection to it checks the addresses its name resolves to then, and uses only those (a name
 * can resolve elsewhere since it was registered, or between two requests). A server that cannot be
 * reached is skipped, and the generation says so. twobrains runs the tools itself, between the
 * model's steps.
 */
@Component
class McpTools {

    private static final Logger LOG = LoggerFactory.getLogger(McpTools.class);
    /** How long a server has to answer the handshake and the tool list before the generation goes on without it. */
    static final Duration CONNECT = Duration.ofSeconds(5);
    private static final Duration CALL = Duration.ofSeconds(30);

    private final SecretSealer sealer;
    private final PinnedHttp pinned;
    private final Duration connectTimeout;

    @Autowired
    McpTools(SecretSealer sealer, PinnedHttp pinned) {
        this(sealer, pinned, CONNECT);
    }

    /** With another connect timeout: a test on a busy machine, whose subject is not the timeout. */
    McpTools(SecretSealer sealer, PinnedHttp pinned, Duration connectTimeout) {
        this.sealer = sealer;
        this.pinned = pinned;
        this.connectTimeout = connectTimeout;
    }

    /** The tools of one generation, and the servers that could not be reached. */
    static final class Toolbox {

        private final Map<String, Binding> byName = new LinkedHashMap<>();
        private final List<ToolCallback> definitions = new ArrayList<>();
        private final List<String> unreachable = new ArrayList<>();
        private final List<McpAsyncClient> clients = new ArrayList<>();

        private record Binding(McpAsyncClient client, String toolName) {
        }

        static Toolbox empty() {
            return new Toolbox();
        }

        List<ToolCallback> definitions() {
            return List.copyOf(definitions);
        }

        List<String> unreachable() {
            return List.copyOf(unreachable);
        }

        boolean isEmpty() {
            return byName.isEmpty();
        }

        /** Runs one call: its result, or why it failed. */
        Mono<ModelOutput> call(ModelOutput.Call call) {
            Binding binding = byName.get(call.name());
            if (binding == null) {
                return Mono.just(new ModelOutput.ToolFailure(call.id(), "there is no tool named " + call.name()));
            }
            Map<String, Object> arguments = call.arguments() == null || !call.arguments().isObject() ? Map.of()
                    : ChatJson.MAPPER.convertValue(call.arguments(), new TypeReference<Map<String, Object>>() { });
            return binding.client().callTool(new McpSchema.CallToolRequest(binding.toolName(), arguments))
                    .timeout(CALL)
                    .map(result -> Boolean.TRUE.equals(result.isError())
                            ? new ModelOutput.ToolFailure(call.id(), text(result))
                            : (ModelOutput) new ModelOutput.ToolResult(call.id(), output(result)))
                    .onErrorResume(error -> Mono.just(new ModelOutput.ToolFailure(call.id(),
                            "the tool " + call.name() + " failed: " + error.getClass().getSimpleName())));
        }

        void close() {
            clients.forEach(client -> client.closeGracefully().onErrorResume(e -> Mono.empty()).subscribe());
        }

        private static JsonNode output(McpSchema.CallToolResult result) {
            if (result.structuredContent() != null) {
                return ChatJson.MAPPER.valueToTree(result.structuredContent());
            }
            return ChatJson.MAPPER.getNodeFactory().stringNode(text(result));
        }

        private static String text(McpSchema.CallToolResult result) {
            StringBuilder text = new StringBuilder();
            if (result.content() != null) {
                for (McpSchema.Content content : result.content()) {
                    if (content instanceof McpSchema.TextContent part) {
                        text.append(text.length() == 0 ? "" : "\n").append(part.text());
                    }
                }
            }
            return text.toString();
        }
    }

    /** Connects to the user's enabled servers at once; never fails (an unreachable server is listed instead). */
    Mono<Toolbox> open(String userId, List<ChatContextView.McpServer> servers) {
        if (servers.isEmpty()) {
            return Mono.just(Toolbox.empty());
        }
        return Flux.fromIterable(servers)
                .flatMap(server -> connect(userId, server)
                        .map(client -> Map.entry(server, Optional.of(client)))
                        .onErrorResume(error -> {
                            LOG.debug("MCP server {} is not reachable: {}", server.id(), error.toString());
                            return Mono.just(Map.entry(server, Optional.empty()));
                        }))
                .collectList()
                .map(connected -> {
                    Toolbox box = new Toolbox();
                    for (Map.Entry<ChatContextView.McpServer, Optional<Connected>> entry : connected) {
                        if (entry.getValue().isEmpty()) {
                            box.unreachable.add(entry.getKey().name());
                            continue;
                        }
                        Connected server = entry.getValue().get();
                        box.clients.add(server.client());
                        for (McpSchema.Tool tool : server.tools()) {
                            String name = box.byName.containsKey(tool.name()) ? entry.getKey().id() + "_" + tool.name() : tool.name();
                            box.byName.put(name, new Toolbox.Binding(server.client(), tool.name()));
                            box.definitions.add(definitionOnly(DefaultToolDefinition.builder().name(name)
                                    .description(tool.description() == null ? tool.name() : tool.description())
                                    .inputSchema(ChatJson.MAPPER.writeValueAsString(tool.inputSchema())).build()));
                        }
                    }
                    return box;
                });
    }

    private record Connected(McpAsyncClient client, List<McpSchema.Tool> tools) {
    }

    private Mono<Connected> connect(String userId, ChatContextView.McpServer server) {
        return Mono.fromCallable(() -> {
                    Map<String, String> headers = server.headers() == null ? Map.of()
                            : ChatJson.MAPPER.readValue(sealer.open(userId, SecretSealer.HEADERS_PURPOSE + ":" + server.id(),
                                    server.headers()), new TypeReference<HashMap<String, String>>() { });
                    return McpClient.async(transport(server, headers))
                            .clientInfo(new McpSchema.Implementation("twobrains", "1.0"))
                            .requestTimeout(CALL)
                            .initializationTimeout(connectTimeout)
                            .build();
                })
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(client -> client.initialize()
                        .then(client.listTools())
                        .timeout(connectTimeout)
                        .map(tools -> new Connected(client, tools.tools()))
                        .doOnError(error -> client.closeGracefully().onErrorResume(e -> Mono.empty()).subscribe()));
    }

    private McpClientTransport transport(ChatContextView.McpServer server, Map<String, String> headers) {
        URI url = URI.create(server.url());
        String base = url.getScheme() + "://" + url.getRawAuthority();
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        WebClient.Builder web = pinned.webClient().baseUrl(base)
                .defaultHeaders(all -> headers.forEach(all::set));
        if (server.transport() == McpTransport.SSE) {
            return WebFluxSseClientTransport.builder(web).sseEndpoint(path).build();
        }
        return WebClientStreamableHttpTransport.builder(web).endpoint(path).build();
    }

    /** A tool the model may call; twobrains runs it, so the callback itself is never used. */
    private static ToolCallback definitionOnly(ToolDefinition definition) {
        return new ToolCallback() {
            @Override
            public ToolDefinition getToolDefinition() {
                return definition;
            }

            @Override
            public String call(String input) {
                throw new UnsupportedOperationException("MCP tools are run by the chat service");
            }
        };
    }
}
