package io.twobrains.bench;

import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Command-line options of a bench run. The common ones are components; any other {@code --name value}
 * is kept in {@code flags} for the scenario that wants it ({@link #flag}, {@link #intFlag},
 * {@link #durationFlag}).
 *
 * @param url            the door of a running stack; null starts a private local stack
 * @param kafka          bootstrap servers of that stack (for the processor scenarios)
 * @param oidc           its dev OIDC provider (tokens come from {@code POST /dev/token})
 * @param rate           total requests per second (open loop); 0 means closed loop, one request in flight per user
 * @param commitInterval the processor's commit interval, for a private stack
 * @param tokenDelay     the demo model's pause between words, for a private stack (chat)
 * @param flags          every {@code --name value} given, known or not, by name without the dashes
 */
record Options(String scenario, Duration duration, Duration warmup, int users, double rate, URI url, String kafka,
        URI oidc, Duration commitInterval, Duration tokenDelay, Map<String, String> flags) {

    /** The longest automatic warm-up ({@code --warmup auto}, the default). */
    static final Duration LONGEST_WARMUP = Duration.ofMinutes(6);

    static final String USAGE = "usage: <scenario> [--duration 30s] [--warmup auto|60s] [--users 100 (write: 1000)] "
            + "[--rate 0] [--url http://localhost:8080 --kafka 127.0.0.1:9092 --oidc http://localhost:9000 "
            + "--jdbc jdbc:postgresql://localhost:5432/postgres] [--commit-interval 10ms] [--token-delay 0ms] "
            + "[--db-pool 16] [--sizes 100,10000,100000] [--stream-threads 1] [--<name> <value> for a scenario's own flags]; "
            + "or: chart <bench-result.json>... [--out docs/bench/]; scenarios: ";

    Options {
        flags = Collections.unmodifiableMap(new LinkedHashMap<>(flags));
    }

    static Options parse(String[] args) {
        if (args.length == 0 || args[0].startsWith("--")) {
            throw new IllegalArgumentException(USAGE + String.join(", ", Bench.SCENARIOS));
        }
        Map<String, String> named = new LinkedHashMap<>();
        for (int i = 1; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --name value at " + args[i]);
            }
            named.put(args[i].substring(2), args[++i]);
        }
        // The write scenario of the issue is about many users; the others keep their old default.
        String users = named.getOrDefault("users", "write".equals(args[0]) ? "1000" : "100");
        return new Options(args[0],
                duration(named.getOrDefault("duration", "30s")),
                autoWarmup(named) ? LONGEST_WARMUP : duration(named.get("warmup")),
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
     * True unless {@code --warmup} gives a duration: the warm-up then lasts until the JIT compilers
     * have settled (see Driver), at most {@link #LONGEST_WARMUP}.
     */
    boolean autoWarmup() {
        return autoWarmup(flags);
    }

    private static boolean autoWarmup(Map<String, String> named) {
        return named.getOrDefault("warmup", "auto").equals("auto");
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
