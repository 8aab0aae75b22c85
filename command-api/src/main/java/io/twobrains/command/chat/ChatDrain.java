package io.twobrains.command.chat;

import io.twobrains.service.problem.Problems;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Lets the replies running on a stopping node finish and be saved before it stops, within
 * {@code twobrains.chat.drain-timeout}; meanwhile new chats get 503 with Retry-After (a client
 * retries and reaches the node that takes the user over). A reply needs the Kafka clients to be
 * saved (its deltas, its stop signals, the processor that decides {@code CompleteGeneration}), so
 * this stops first: in the last phase, where those clients stop, and ahead of them, as it depends
 * on them (Spring stops a bean's dependents before the bean); its stop blocks until drained.
 */
@Component
class ChatDrain implements SmartLifecycle, WebFilter {

    private static final Logger LOG = LoggerFactory.getLogger(ChatDrain.class);
    private static final long POLL_MILLIS = 50;

    private final Generations generations;
    private final DrainProperties properties;
    /** Chat requests let in and not yet answered in full: a reply not yet registered as running is one too. */
    private final AtomicInteger admitted = new AtomicInteger();
    private volatile boolean running;
    private volatile boolean draining;

    /** Takes the delta log and the control signals only to be stopped before them. */
    ChatDrain(Generations generations, DrainProperties properties, DeltaLog deltas, ControlSignals signals) {
        this.generations = generations;
        this.properties = properties;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!isNewChat(exchange)) {
            return chain.filter(exchange);
        }
        admitted.incrementAndGet();
        if (draining) {
            admitted.decrementAndGet();
            exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, "1");
            return Problems.write(exchange, Problems.of(HttpStatus.SERVICE_UNAVAILABLE,
                    "this node is shutting down and takes no new chats; retry shortly"));
        }
        return chain.filter(exchange).doFinally(signal -> admitted.decrementAndGet());
    }

    private static boolean isNewChat(ServerWebExchange exchange) {
        return HttpMethod.POST.equals(exchange.getRequest().getMethod())
                && exchange.getRequest().getPath().value().equals("/api/chat");
    }

    @Override
    public void start() {
        draining = false;
        running = true;
    }

    @Override
    public void stop() {
        draining = true;
        long deadline = System.nanoTime() + properties.drainTimeout().toNanos();
        int left = left();
        if (left > 0) {
            LOG.info("draining: waiting up to {} for {} running replies", properties.drainTimeout(), left);
        }
        while (left() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (left() > 0) {
            LOG.warn("drain timeout ({}) reached with {} replies still running: they are cut off",
                    properties.drainTimeout(), left());
        }
        running = false;
    }

    private int left() {
        return Math.max(generations.size(), admitted.get());
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** The last phase, with the Kafka clients it needs (and ahead of them, see the class comment). */
    @Override
    public int getPhase() {
        return DEFAULT_PHASE;
    }

    boolean draining() {
        return draining;
    }

    Duration timeout() {
        return properties.drainTimeout();
    }
}
