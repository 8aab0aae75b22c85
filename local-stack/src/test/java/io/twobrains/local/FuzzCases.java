package io.twobrains.local;

import io.twobrains.local.FuzzTargets.Target;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;

/** The cases FuzzIT draws for each try: what is sent where, drawn from the try's random source only. */
final class FuzzCases {

    /** One request header. */
    record Header(String name, String value) {

        static Header of(String name, String value) {
            return new Header(name, value);
        }

        @Override
        public String toString() {
            // A huge value would bury the rest of a failing case; the try's seed still gives it in full.
            String shown = value.length() > 200 ? value.substring(0, 200) + "… (" + value.length() + " chars)" : value;
            return "(" + name + "," + shown + ")";
        }
    }

    /** A write whose valid body is mutated, sent with this content type ("none" for no Content-Type). */
    record MutatedWrite(Target target, BodyMutation mutation, String contentType) {

        static MutatedWrite draw(RandomGenerator random) {
            return new MutatedWrite(Draw.element(random, FuzzTargets.writes()), BodyMutation.any(random), FuzzCases.contentType(random));
        }
    }

    /** A valid request to any endpoint, with one to four odd headers of distinct names. */
    record OddHeaders(Target target, List<Header> headers) {

        static OddHeaders draw(RandomGenerator random) {
            return new OddHeaders(Draw.element(random, FuzzTargets.all()), oddHeaders(random));
        }
    }

    /** A valid request to any endpoint, with a token that is wrong in the named way (see FuzzIT's authorization). */
    record BadToken(Target target, String kind) {

        static BadToken draw(RandomGenerator random) {
            return new BadToken(Draw.element(random, FuzzTargets.all()), badTokenKind(random));
        }
    }

    private FuzzCases() {
    }

    static String contentType(RandomGenerator random) {
        return Draw.weighted(random,
                Draw.weight(12, r -> "application/json"),
                Draw.weight(6, r -> Draw.element(r, "none", "text/plain", "application/xml", "application/x-www-form-urlencoded",
                        "multipart/form-data; boundary=x", "application/json; charset=utf-16", "application/json; charset=nonsense",
                        "application/json; charset=", "*/*", "application", "application/problem+json", "application/json;;;",
                        "text/event-stream", "application/*+json", "image/png", "application/octet-stream")),
                Draw.weight(1, r -> Draw.string(r, Draw.range('\0', '\u007f'), 0, 60)));
    }

    static List<Header> oddHeaders(RandomGenerator random) {
        int size = Draw.between(random, 1, 4);
        List<Header> headers = new ArrayList<>();
        Set<String> names = new HashSet<>();
        // Header names are case-insensitive: a second header of the same name would not be odd, just repeated.
        while (headers.size() < size) {
            Header header = oddHeader(random);
            if (names.add(header.name().toLowerCase())) {
                headers.add(header);
            }
        }
        return headers;
    }

    private static Header oddHeader(RandomGenerator random) {
        return Draw.oneOf(random,
                r -> Header.of("Idempotency-Key", Draw.string(r, Draw.range('!', '~'), 1, 300)),
                r -> Header.of("Idempotency-Key", Draw.anyString(r, 40)),
                r -> Header.of("Idempotency-Key", Draw.element(r, "", " ", "a b", "é", "x".repeat(255), "x".repeat(256), "\t")),
                r -> Header.of("Content-Type", contentTypeThatIsSent(r)),
                r -> Header.of("Accept", Draw.element(r, "application/json", "text/html", "application/xml", "text/event-stream",
                        "*/*;q=0", "application/problem+json", "garbage/", "", "image/png", "text/plain;q=1, */*;q=0", "application/*")),
                r -> Header.of("X-Chat-Min-Seq", Draw.element(r, "-1", "abc", "1.5", "", "0", " 1", "99999999999999999999999",
                        "0x10", "1,2")),
                r -> Header.of("Content-Encoding", Draw.element(r, "gzip", "br", "deflate", "identity", "nonsense")),
                r -> Header.of("Origin", Draw.element(r, "http://evil.example", "null", "")),
                r -> Header.of("Forwarded", Draw.element(r, "for=\"[bad", "host=evil:notaport;proto=gopher", "for=1.2.3.4;by=;;")),
                r -> Header.of("X-Forwarded-Host", Draw.element(r, "evil:notaport", "a b", "[::1")),
                r -> Header.of("X-Forwarded-Proto", Draw.element(r, "gopher", "", "https,http")),
                r -> Header.of("X-Forwarded-Port", Draw.element(r, "x", "-1", "99999999999")),
                r -> Header.of("X-Forwarded-Prefix", Draw.element(r, "/../admin", "//evil", "%2e%2e")),
                r -> Header.of("Range", Draw.element(r, "bytes=0-1", "bytes=x", "*")),
                r -> Header.of("X-Huge", "x".repeat(Draw.between(r, 1_000, 12_000))),
                r -> Header.of("X-" + Draw.string(r, Draw.range('a', 'z') + "-", 1, 20), Draw.string(r, Draw.range(' ', '~'), 0, 200)));
    }

    /** A content type other than "none", drawn as often as {@link #contentType} draws each. */
    private static String contentTypeThatIsSent(RandomGenerator random) {
        String type = contentType(random);
        while (type.equals("none")) {
            type = contentType(random);
        }
        return type;
    }

    private static String badTokenKind(RandomGenerator random) {
        return Draw.weighted(random,
                Draw.weight(6, r -> Draw.element(r, "missing", "empty", "not a bearer", "two tokens", "alg none",
                        "HS256 with the public key", "signed by a foreign key", "expired", "not yet valid", "of another issuer",
                        "for another audience", "without audience", "without subject", "with an unusable subject",
                        "with a blank subject", "without expiry", "tampered", "oversized and foreign", "beyond the header limit")),
                Draw.weight(1, r -> "garbage " + Draw.string(r, Draw.range('!', '~'), 0, 400)),
                Draw.weight(1, r -> "garbage " + String.join(".", jwtPart(r), jwtPart(r), jwtPart(r))));
    }

    private static String jwtPart(RandomGenerator random) {
        return Draw.string(random, Draw.ALPHANUMERIC + "-_", 1, 80);
    }
}
