package io.twobrains.bench;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import javax.management.JMException;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;

/**
 * What the processor's stream threads did over a measured window, from Kafka's own cumulative
 * metrics (over JMX, from the stack's JVM): how many commits, how many records each, and how long a
 * commit's flush and end of transaction took. Empty when the stack's MBeans cannot be reached.
 */
final class StreamThreadTime {

    private static final String THREADS = "kafka.streams:type=stream-thread-metrics,*";
    private static final String PRODUCERS = "kafka.producer:type=producer-metrics,client-id=*StreamThread*";

    private final MBeanServerConnection server;
    private final Map<String, Double> before;

    private StreamThreadTime(MBeanServerConnection server, Map<String, Double> before) {
        this.server = server;
        this.before = before;
    }

    /** The counters now (none without {@code server}); {@link #since(double)} gives the figures from here on. */
    static StreamThreadTime start(MBeanServerConnection server) {
        return new StreamThreadTime(server, server == null ? Map.of() : counters(server));
    }

    /** The window's figures (empty without a processor in this JVM, or when it processed nothing), printed as one line too. */
    Map<String, Object> since(double seconds) {
        Map<String, Double> now = server == null ? Map.of() : counters(server);
        if (now.isEmpty() || before.isEmpty()) {
            return Map.of();
        }
        double commits = delta(now, "commit-total");
        double records = delta(now, "process-total");
        if (records == 0) {
            // the measurement did not go through the processor (the raw Kafka limit, the shared database)
            return Map.of();
        }
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("commitsPerSecond", Figures.round(commits / seconds));
        figures.put("recordsPerCommit", Figures.round(commits == 0 ? 0 : records / commits));
        figures.put("flushMsPerCommit", Figures.round(perCommit(now, "flush-time-ns-total", commits)));
        figures.put("sendOffsetsMsPerCommit", Figures.round(perCommit(now, "txn-send-offsets-time-ns-total", commits)));
        figures.put("txnCommitMsPerCommit", Figures.round(perCommit(now, "txn-commit-time-ns-total", commits)));
        figures.put("blockedShare", Figures.round(delta(now, "blocked-time-ns-total") / 1e9 / seconds));
        System.out.printf("  stream threads: %s commits/s, %s records per commit; per commit %s ms flush, %s ms offsets, "
                        + "%s ms end of transaction; blocked on Kafka %s of the time%n",
                figures.get("commitsPerSecond"), figures.get("recordsPerCommit"), figures.get("flushMsPerCommit"),
                figures.get("sendOffsetsMsPerCommit"), figures.get("txnCommitMsPerCommit"), figures.get("blockedShare"));
        return figures;
    }

    private double delta(Map<String, Double> now, String name) {
        return now.getOrDefault(name, 0.0) - before.getOrDefault(name, 0.0);
    }

    private double perCommit(Map<String, Double> now, String nanosName, double commits) {
        return commits == 0 ? 0 : delta(now, nanosName) / 1e6 / commits;
    }

    /** Each counter summed over the stream threads (and their producers) of the stack. */
    private static Map<String, Double> counters(MBeanServerConnection server) {
        Map<String, Double> sums = new LinkedHashMap<>();
        try {
            add(server, sums, THREADS, "commit-total", "process-total", "blocked-time-ns-total");
            add(server, sums, PRODUCERS, "flush-time-ns-total", "txn-send-offsets-time-ns-total", "txn-commit-time-ns-total");
        } catch (IOException e) {
            return Map.of(); // the stack went away
        }
        return sums;
    }

    private static void add(MBeanServerConnection server, Map<String, Double> sums, String pattern, String... attributes)
            throws IOException {
        Set<ObjectName> names;
        try {
            names = server.queryNames(new ObjectName(pattern), null);
        } catch (JMException e) {
            throw new IllegalArgumentException(pattern, e);
        }
        for (ObjectName name : names) {
            for (String attribute : attributes) {
                try {
                    if (server.getAttribute(name, attribute) instanceof Number value && Double.isFinite(value.doubleValue())) {
                        sums.merge(attribute, value.doubleValue(), Double::sum);
                    }
                } catch (JMException e) {
                    // a client that closes while it is read: its counters are left out of this snapshot
                }
            }
        }
    }
}
