package io.twobrains.command.egress;

import io.netty.channel.ChannelOption;
import java.time.Duration;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * The HTTP client for URLs users give: their MCP servers and OpenAI-compatible endpoints. Every
 * connection goes to an address that was resolved and checked for it ({@link PinnedResolverGroup}),
 * never to one that a second lookup returned. Redirects are not followed. Connections are pooled per
 * host and port; a pooled connection stays on the address it was checked for.
 */
@Component
public class PinnedHttp implements DisposableBean {

    private static final Duration CONNECT = Duration.ofSeconds(10);
    private static final int MAX_ANSWER_BYTES = 4 * 1024 * 1024;

    private final ConnectionProvider connections;
    private final HttpClient client;

    public PinnedHttp(AddressCheck check) {
        // Generations are bounded by the chat limits, not here: no connection waits for another to end.
        this.connections = ConnectionProvider.builder("users-urls")
                .maxConnections(10_000)
                .pendingAcquireMaxCount(-1)
                .maxIdleTime(Duration.ofSeconds(60))
                .build();
        this.client = HttpClient.create(connections)
                .resolver(new PinnedResolverGroup(check, task -> Schedulers.boundedElastic().schedule(task)))
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) CONNECT.toMillis())
                .followRedirect(false);
    }

    /** The Reactor Netty client, for transports built on it. */
    public HttpClient client() {
        return client;
    }

    /** A new WebClient builder on this client (each caller sets its own base URL and headers). */
    public WebClient.Builder webClient() {
        return WebClient.builder().clientConnector(new ReactorClientHttpConnector(client))
                // An MCP answer (a tool's result, a list of tools) is read whole; WebClient's default stops at 256 KiB.
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(MAX_ANSWER_BYTES));
    }

    @Override
    public void destroy() {
        connections.dispose();
    }
}
