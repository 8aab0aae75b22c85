package io.twobrains.bench;

import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Command-line options of a bench run. The common ones are components; any other {@code --name value}
 * is kept in {@code flags} for the scenario that wants it ({@link #flag}, {@link #intFlag},
 * {@link #durationFlag}). {@code --quick} (no value) gives every scenario short defaults, so that it
 * finishes in under three minutes: a first look, not figures to publish.
 *
 * @param quick          short defaults: a fixed 5 s warm-up, 2 s search steps, 1 bisection, 5 s at 70%
 * @param duration       the measurement at 70% of the highest rate held (or a closed-loop measurement)
 * @param step           each step of the rate search
 * @param url            the door of a running stack; null starts a private local stack
 * @param kafka          bootstrap servers of that stack (for the processor scenarios)
 * @param oidc           its dev OIDC provider (tokens come from {@code POST /dev/token})
 * @param rate           a fixed open-loop rate instead of the search; 0 searches
 * @param commitInterval the processor's commit interval, for a private stack (and the relay's)
 * @param tokenDelay     the demo model's pause between words, for a private stack (chat)
 * @param flags          every {@code --name value} given, known or not, by name without the dashes
 */
record Options(String scenario, boolean quick, Duration duration, Duration warmup, Duration step, int users,
        double rate, URI url, String kafka, URI oidc, Duration commitInterval, Duration tokenDelay,
        Map<String, String> flags) {

    /** The longest automatic warm-up ({@code --warmup auto}, the default). */
    static final Duration LONGEST_WARMUP = Duration.ofMinutes(6);

    static final String USAGE = "usage: <scenario> [--quick] [--duration 30s] [--warmup auto|60s] [--step 5s] "
            + "[--bisections 3] [--start-rate R] [--rate R] [--loop open|closed] [--users 100 (write: 1000)] "
            + "[--warmup-in-flight 32] [--url http://localhost:8080 --kafka 127.0.0.1:9092 --oidc http://localhost:9000 "
            + "--jdbc jdbc:postgresql://localhost:5432/postgres --pids name=pid,...] [--commit-interval 10ms] "
            + "[--token-delay 0ms] [--db-pool 16] [--sizes 100,10000,100000] [--bare true] [--stream-threads 1] "
            + "[--stack-jvm \"<JVM options>\"] [--broker stack|process] [--broker-jvm \"<JVM options>\"] "
            + "[--<name> <value> for a scenario's own flags]; "
            + "or: chart <bench-result.json>... [--out docs/bench/]; scenarios: ";

    /** Flags that take no value. */
    private static final List<String> SWITCHES = List.of("quick");

    Options {
        flags = Collections.unmodifiableMap(new LinkedHashMap<>(flags));
    }

    static Options parse(String[] args) {
        if (args.length == 0 || args[0].startsWith("--")) {
            throw new IllegalArgumentException(USAGE + String.join(", ", Bench.SCENARIOS));
        }
        Map<String, String> named = new LinkedHashMap<>();
        for (int i = 1; i < args.length; i++) {
            String name = args[i].startsWith("--") ? args[i].substring(2) : null;
            if (name != null && SWITCHES.contains(name)) {
                named.put(name, "true");
                continue;
            }
            if (name == null || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --name value at " + args[i]);
            }
            named.put(name, args[++i]);
        }
        boolean quick = Boolean.parseBoolean(named.getOrDefault("quick", "false"));
        // The write scenario of the issue is about many users; chat turns are ten at a time; the others keep theirs.
        String users = named.getOrDefault("users", switch (args[0]) {
            case "write" -> quick ? "100" : "1000";
            case "chat" -> "10";
            default -> "100";
        });
        return new Options(args[0], quick,
                duration(named.getOrDefault("duration", quick ? "5s" : "30s")),
                autoWarmup(named) ? LONGEST_WARMUP : duration(named.getOrDefault("warmup", "5s")),
                duration(named.getOrDefault("step", quick ? "2s" : "5s")),
                Integer.parseInt(users),
                Double.parseDouble(named.getOrDefault("rate", "0")),
                named.containsKey("url") ? URI.create(named.get("url")) : null,
                named.getOrDefault("kafka", "127.0.0.1:9092"),
                URI.create(named.getOrDefault("oidc", "http://localhost:9000")),
                duration(named.getOrDefault("commit-interval", "10ms")),
                duration(named.getOrDefault("token-delay", "0ms")),
                named);
    }

    /**
     * True unless {@code --warmup} gives a duration (or {@code --quick} fixes it at 5 s): the warm-up
     * then lasts until the JIT compilers have settled (see {@link WarmUp}), at most {@link #LONGEST_WARMUP}.
     */
    boolean autoWarmup() {
        return autoWarmup(flags);
    }

    private static boolean autoWarmup(Map<String, String> named) {
        String fallback = Boolean.parseBoolean(named.getOrDefault("quick", "false")) ? "5s" : "auto";
        return named.getOrDefault("warmup", fallback).equals("auto");
    }

    /** {@code --loop closed}: measure with {@code --users} in flight, as the bench did before, instead of the open loop. */
    boolean closedLoop() {
        return flag("loop", "open").equals("closed");
    }

    /** Requests in flight while warming up ({@code --warmup-in-flight}): enough to reach the path's capacity. */
    int warmupConcurrency() {
        return intFlag("warmup-in-flight", 32);
    }

    /** The search's first rate ({@code --start-rate}); 0: half of what the warm-up reached. */
    double startRate() {
        return Double.parseDouble(flag("start-rate", "0"));
    }

    /** {@code --bare}: the bare-JDBC second lines too (default in the full form, not with {@code --quick}). */
    boolean bareLines() {
        return Boolean.parseBoolean(flag("bare", Boolean.toString(!quick)));
    }

    /** Bisections after the doubling ({@code --bisections}): 3 narrows the highest rate to within 12.5%. */
    int bisections() {
        return intFlag("bisections", quick ? 1 : 3);
    }

    /** The value of {@code --name}, or {@code fallback} when it was not given. */
    String flag(String name, String fallback) {
        return flags.getOrDefault(name, fallback);
    }

    int intFlag(String name, int fallback) {
        String value = flags.get(name);
        return value == null ? fallback : Integer.parseInt(value.replace("_", "").replace(",", ""));
    }

    Duration durationFlag(String name, Duration fallback) {
        String value = flags.get(name);
        return value == null ? fallback : duration(value);
    }

    /** Accepts 30s, 2m, 500ms, or ISO-8601 (PT30S). */
    static Duration duration(String text) {
        String t = text.trim().toLowerCase();
        if (t.startsWith("pt")) {
            return Duration.parse(text);
        }
        if (t.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
        }
        long amount = Long.parseLong(t.substring(0, t.length() - 1));
        return switch (t.charAt(t.length() - 1)) {
            case 's' -> Duration.ofSeconds(amount);
            case 'm' -> Duration.ofMinutes(amount);
            case 'h' -> Duration.ofHours(amount);
            default -> throw new IllegalArgumentException("not a duration: " + text);
        };
    }
}
