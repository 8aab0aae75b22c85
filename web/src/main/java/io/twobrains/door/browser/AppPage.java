package io.twobrains.door.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.io.ClassPathResource;

/**
 * The app's one HTML page ({@code app/index.html}, its library versions filled in by the build), read
 * once, and the hash of its inline import map for the Content-Security-Policy.
 */
final class AppPage {

    static final String LOCATION = "app/index.html";
    private static final Pattern IMPORT_MAP = Pattern.compile("<script type=\"importmap\">(.*?)</script>", Pattern.DOTALL);

    private final byte[] html;
    private final String importMapHash;

    private AppPage(String html) {
        this.html = html.getBytes(StandardCharsets.UTF_8);
        Matcher importMap = IMPORT_MAP.matcher(html);
        if (!importMap.find()) {
            throw new IllegalStateException(LOCATION + " has no import map");
        }
        this.importMapHash = "sha256-" + Base64.getEncoder().encodeToString(sha256(importMap.group(1)));
    }

    static AppPage load() {
        try (var in = new ClassPathResource(LOCATION).getInputStream()) {
            return new AppPage(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("the app's page " + LOCATION + " is not on the classpath", e);
        }
    }

    byte[] html() {
        return html.clone();
    }

    /** As CSP writes it: {@code sha256-<base64>}. */
    String importMapHash() {
        return importMapHash;
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
