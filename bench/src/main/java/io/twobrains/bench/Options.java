package io.twobrains.bench;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Command-line options of a bench run.
 *
 * @param url            the door of a running stack; null starts a private local stack
 * @param kafka          bootstrap servers of that stack (for the processor scenarios)
 * @param oidc           its dev OIDC provider (tokens come from {@code POST /dev/token})
 * @param rate           total requests per second (open loop); 0 means closed loop, one request in flight per user
 * @param commitInterval the processor's commit interval, for a private stack
 * @param tokenDelay     the demo model's pause between words, for a private stack (chat)
 */
record Options(String scenario, Duration duration, Duration warmup, int users, double rate, URI url, String kafka,
        URI oidc, Duration commitInterval, Duration tokenDelay, Map<String, String> flags) {

    /** A flag of one scenario ({@code --messages 1000000}), or the fallback. */
    int intFlag(String name, int fallback) {
        return flags.containsKey(name) ? Integer.parseInt(flags.get(name).replace("_", "")) : fallback;
    }

    static Options parse(String[] args) {
        if (args.length == 0 || args[0].startsWith("--")) {
            throw new IllegalArgumentException("usage: <scenario> [--duration 30s] [--warmup 60s] [--users 100] "
                    + "[--rate 0] [--url http://localhost:8080 --kafka 127.0.0.1:9092 --oidc http://localhost:9000] "
                    + "[--commit-interval 10ms] [--token-delay 0ms]; scenarios: " + String.join(", ", Bench.SCENARIOS));
        }
        Map<String, String> named = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --name value at " + args[i]);
            }
            named.put(args[i].substring(2), args[++i]);
        }
        return new Options(args[0],
                duration(named.getOrDefault("duration", "30s")),
                duration(named.getOrDefault("warmup", "60s")),
                Integer.parseInt(named.getOrDefault("users", "100")),
                Double.parseDouble(named.getOrDefault("rate", "0")),
                named.containsKey("url") ? URI.create(named.get("url")) : null,
                named.getOrDefault("kafka", "127.0.0.1:9092"),
                URI.create(named.getOrDefault("oidc", "http://localhost:9000")),
                duration(named.getOrDefault("commit-interval", "10ms")),
                duration(named.getOrDefault("token-delay", "0ms")),
                Map.copyOf(named));
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
