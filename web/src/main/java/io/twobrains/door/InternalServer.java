package io.twobrains.door;

import org.springframework.context.SmartLifecycle;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.ReactorHttpHandlerAdapter;
import reactor.netty.DisposableServer;
import reactor.netty.http.HttpProtocol;
import reactor.netty.http.server.HttpServer;

/**
 * The node's internal server: the same application as the public port, over HTTP/2 without TLS
 * (h2c, prior knowledge), where other nodes send the requests for the users this node holds. A few
 * connections between two nodes carry every such request at once. It is apart from the public port,
 * which stays plain HTTP/1.1 with its own limits and problem answers, and it should stay off the
 * public network.
 */
final class InternalServer implements SmartLifecycle {

    private final HttpHandler application;
    private final String host;
    private final int port;
    private volatile DisposableServer server;

    InternalServer(HttpHandler application, String host, int port) {
        this.application = application;
        this.host = host;
        this.port = port;
    }

    @Override
    public void start() {
        server = HttpServer.create().host(host).port(port).protocol(HttpProtocol.H2C)
                .handle(new ReactorHttpHandlerAdapter(application))
                .bindNow();
    }

    @Override
    public void stop() {
        DisposableServer running = server;
        if (running != null) {
            running.disposeNow();
        }
        server = null;
    }

    @Override
    public boolean isRunning() {
        return server != null;
    }

    /** Before the processor starts, so partitions never point other nodes at a port that is not open. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 200;
    }
}
