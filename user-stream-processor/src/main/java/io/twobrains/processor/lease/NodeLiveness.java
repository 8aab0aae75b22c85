package io.twobrains.processor.lease;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which node processes are alive, as their heartbeats on {@code chat.control} say. A running
 * generation is its runner's to end while the runner lives (its lease); a runner not heard from for
 * the lease is gone, and the processor ends its generations as failed. A node that has not listened
 * for a whole lease yet calls nobody gone: it has not had the chance to hear them.
 */
public final class NodeLiveness {

    private final String self;
    private final Duration lease;
    private final Clock clock;
    private final long listeningSince;
    private final Map<String, Long> lastHeard = new ConcurrentHashMap<>();

    public NodeLiveness(String self, Duration lease, Clock clock) {
        this.self = self;
        this.lease = lease;
        this.clock = clock;
        this.listeningSince = clock.millis();
    }

    /** A heartbeat of {@code instance}, now. */
    public void heard(String instance) {
        lastHeard.put(instance, clock.millis());
    }

    /** Whether the generations of {@code instance} may still be ended by it. */
    public boolean isAlive(String instance) {
        long now = clock.millis();
        if (instance.equals(self) || now - listeningSince < lease.toMillis()) {
            return true;
        }
        Long heard = lastHeard.get(instance);
        return heard != null && now - heard < lease.toMillis();
    }

    /** Forgets instances not heard from for ten leases (they are long gone). */
    public void forgetLongGone() {
        long cutoff = clock.millis() - 10 * lease.toMillis();
        lastHeard.values().removeIf(heard -> heard < cutoff);
    }

    public Duration lease() {
        return lease;
    }
}
