package io.twobrains.testkit;

import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletSseServerTransportProvider;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import jakarta.servlet.http.HttpServlet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.apache.catalina.startup.Tomcat;

/**
 * A real MCP server on loopback (the MCP Java SDK's servlet transports in an embedded Tomcat), with
 * three tools: {@code add} (a + b), {@code explode} (always an error) and {@code repeat} (a text
 * repeated, for answers of a chosen size). It speaks Streamable HTTP at
 * {@code /mcp} or the older SSE transport at {@code /sse}, and records the headers each call carried
 * and how many HTTP requests reached it.
 */
public final class TestMcpServer implements AutoCloseable {

    public enum Transport { STREAMABLE_HTTP, SSE }

    private final Tomcat tomcat;
    private final McpSyncServer server;
    private final Transport transport;
    private final List<String> apiKeysSeen = new CopyOnWriteArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();

    private TestMcpServer(Transport transport) {
        this.transport = transport;
        HttpServlet servlet;
        McpServer.SyncSpecification<?> spec;
        if (transport == Transport.STREAMABLE_HTTP) {
            HttpServletStreamableServerTransportProvider provider = HttpServletStreamableServerTransportProvider.builder()
                    .mcpEndpoint("/mcp")
                    .contextExtractor(request -> McpTransportContext.create(
                            Map.of("key", String.valueOf(request.getHeader("X-Api-Key")))))
                    .build();
            servlet = provider;
            spec = McpServer.sync(provider);
        } else {
            HttpServletSseServerTransportProvider provider = HttpServletSseServerTransportProvider.builder()
                    .sseEndpoint("/sse")
                    .messageEndpoint("/mcp/message")
                    .contextExtractor(request -> McpTransportContext.create(
                            Map.of("key", String.valueOf(request.getHeader("X-Api-Key")))))
                    .build();
            servlet = provider;
            spec = McpServer.sync(provider);
        }
        McpSchema.Tool add = McpSchema.Tool.builder().name("add").description("Adds two numbers")
                .inputSchema(Map.of("type", "object", "properties",
                        Map.of("a", Map.of("type", "number"), "b", Map.of("type", "number")), "required", List.of("a", "b")))
                .build();
        McpSchema.Tool explode = McpSchema.Tool.builder().name("explode").description("Always fails")
                .inputSchema(Map.of("type", "object", "properties", Map.of())).build();
        McpSchema.Tool repeat = McpSchema.Tool.builder().name("repeat").description("Repeats a text")
                .inputSchema(Map.of("type", "object", "properties",
                        Map.of("text", Map.of("type", "string"), "times", Map.of("type", "integer")),
                        "required", List.of("text", "times")))
                .build();
        server = spec.serverInfo("twobrains-test-mcp", "1.0.0")
                .capabilities(McpSchema.ServerCapabilities.builder().tools(true).build())
                .toolCall(add, (exchange, request) -> {
                    apiKeysSeen.add(String.valueOf(exchange.transportContext().get("key")));
                    double sum = ((Number) request.arguments().get("a")).doubleValue()
                            + ((Number) request.arguments().get("b")).doubleValue();
                    String text = sum == Math.rint(sum) ? Long.toString((long) sum) : Double.toString(sum);
                    return McpSchema.CallToolResult.builder().addTextContent("sum=" + text).isError(false).build();
                })
                .toolCall(explode, (exchange, request) -> McpSchema.CallToolResult.builder()
                        .addTextContent("the tool exploded").isError(true).build())
                .toolCall(repeat, (exchange, request) -> McpSchema.CallToolResult.builder()
                        .addTextContent(String.valueOf(request.arguments().get("text"))
                                .repeat(((Number) request.arguments().get("times")).intValue()))
                        .isError(false).build())
                .build();
        tomcat = new Tomcat();
        try {
            tomcat.setBaseDir(Files.createTempDirectory("mcp-tomcat").toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        tomcat.setPort(0);
        tomcat.getConnector().setProperty("address", "127.0.0.1");
        Context context = tomcat.addContext("", null);
        // Async, or the servlet transports could not hold a stream open.
        context.getPipeline().addValve(new ValveBase(true) {
            @Override
            public void invoke(Request request, Response response) throws IOException, jakarta.servlet.ServletException {
                requests.incrementAndGet();
                getNext().invoke(request, response);
            }
        });
        Tomcat.addServlet(context, "mcp", servlet).setAsyncSupported(true);
        context.addServletMappingDecoded("/*", "mcp");
        try {
            tomcat.start();
        } catch (LifecycleException e) {
            throw new IllegalStateException("the test MCP server did not start", e);
        }
    }

    public static TestMcpServer start(Transport transport) {
        return new TestMcpServer(transport);
    }

    /** The URL a user registers: on {@code localhost}, which tests allow-list. */
    public String url() {
        int port = tomcat.getConnector().getLocalPort();
        return "http://localhost:" + port + (transport == Transport.STREAMABLE_HTTP ? "/mcp" : "/sse");
    }

    /** The port it listens on, on 127.0.0.1. */
    public int port() {
        return tomcat.getConnector().getLocalPort();
    }

    /** HTTP requests that reached the server, whatever they asked. */
    public int requests() {
        return requests.get();
    }

    /** The {@code X-Api-Key} header of every {@code add} call. */
    public List<String> apiKeysSeen() {
        return List.copyOf(apiKeysSeen);
    }

    @Override
    public void close() {
        server.close();
        try {
            tomcat.stop();
            tomcat.destroy();
        } catch (LifecycleException e) {
            // stopping anyway
        }
    }
}
