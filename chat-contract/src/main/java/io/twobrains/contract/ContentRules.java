package io.twobrains.contract;

import io.twobrains.contract.message.Part;
import io.twobrains.contract.message.TextPart;
import java.util.List;
import io.twobrains.contract.content.ContentCipher;
import io.twobrains.contract.content.SealedContent;
import java.util.Optional;

/**
 * The content rules of chat data, each returning the violation if there is one. The APIs apply them
 * to answer 400 before anything is written; the processor applies them again, so the log stays
 * clean whatever wrote the command.
 */
public final class ContentRules {

    /** UTF-8 bytes per character at most: the bound for sizes of sealed content. */
    private static final int SEALED_FACTOR = 4;

    private ContentRules() {
    }

    public static Optional<String> validId(String what, String id) {
        return Limits.isValidId(id) ? Optional.empty() : Optional.of(what + " must match " + Limits.ID_REGEX);
    }

    /** A title is 1 to 80 characters and not blank; null means "no title" where that is allowed. */
    public static Optional<String> titleFits(String title) {
        if (title == null) {
            return Optional.empty();
        }
        if (title.isBlank()) {
            return Optional.of("title must not be blank");
        }
        if (ContentCipher.isSealed(title)) {
            // Sealed where no key is: only its size can be checked, in UTF-8 bytes (up to 4 per character).
            return ContentCipher.plainBytes(title) > SEALED_FACTOR * Limits.MAX_TITLE_LENGTH
                    ? Optional.of("title must be at most " + Limits.MAX_TITLE_LENGTH + " characters")
                    : Optional.empty();
        }
        if (title.length() > Limits.MAX_TITLE_LENGTH) {
            return Optional.of("title must be at most " + Limits.MAX_TITLE_LENGTH + " characters");
        }
        return oneLine("title", title);
    }

    public static Optional<String> partsFit(List<Part> parts) {
        if (parts == null || parts.isEmpty()) {
            return Optional.of("a message needs at least one part");
        }
        if (parts.size() > Limits.MAX_PARTS) {
            return Optional.of("a message has at most " + Limits.MAX_PARTS + " parts");
        }
        for (Part part : parts) {
            if (part == null || part instanceof TextPart text && text.text() == null) {
                return Optional.of("a text part needs text");
            }
            if (part.length() > limitOf(part, Limits.MAX_TEXT_LENGTH)) {
                return Optional.of("a text part has at most " + Limits.MAX_TEXT_LENGTH + " characters");
            }
        }
        return Optional.empty();
    }

    /**
     * The limit for a part: a sealed part's length is its plaintext's size in UTF-8 bytes, up to 4 per
     * character, so the limit in characters allows 4 bytes each.
     */
    private static long limitOf(Part part, long characters) {
        return SealedContent.isSealed(part) ? SEALED_FACTOR * characters : characters;
    }

    /** A user's message: text parts only, within the limits of {@link #partsFit}. */
    public static Optional<String> userPartsFit(List<Part> parts) {
        Optional<String> fits = partsFit(parts);
        if (fits.isPresent()) {
            return fits;
        }
        return parts.stream().allMatch(TextPart.class::isInstance)
                ? Optional.empty()
                : Optional.of("a user message may only have text parts");
    }

    /** A generated reply: any parts, bounded in number and in total size (it travels as one record). */
    public static Optional<String> replyFits(List<Part> parts) {
        if (parts == null) {
            return Optional.empty();
        }
        if (parts.size() > Limits.MAX_REPLY_PARTS) {
            return Optional.of("a reply has at most " + Limits.MAX_REPLY_PARTS + " parts");
        }
        long total = 0;
        boolean sealed = false;
        for (Part part : parts) {
            if (part == null) {
                return Optional.of("a reply part is missing");
            }
            total += part.length();
            sealed |= SealedContent.isSealed(part);
        }
        return total > (sealed ? SEALED_FACTOR : 1) * (long) Limits.MAX_REPLY_CHARS
                ? Optional.of("a reply has at most " + Limits.MAX_REPLY_CHARS + " characters")
                : Optional.empty();
    }

    /** A name shown to the user: 1 to 80 characters, not blank. */
    public static Optional<String> nameFits(String what, String name) {
        if (name == null || name.isBlank()) {
            return Optional.of(what + " is required");
        }
        return name.length() > Limits.MAX_NAME_LENGTH
                ? Optional.of(what + " must be at most " + Limits.MAX_NAME_LENGTH + " characters")
                : oneLine(what, name);
    }

    /**
     * Titles and names are one line of text: no control characters (line breaks, tabs, NUL...). A NUL
     * would also be refused by PostgreSQL, where a name lands through the projector.
     */
    private static Optional<String> oneLine(String what, String text) {
        return text.chars().anyMatch(Character::isISOControl)
                ? Optional.of(what + " must not contain control characters (line breaks, tabs, NUL)")
                : Optional.empty();
    }

    /** An absolute http(s) URL with a host. Whether the host may be reached is the caller's policy. */
    public static Optional<String> httpUrl(String what, String url) {
        if (url == null || url.isBlank() || url.length() > Limits.MAX_URL_LENGTH) {
            return Optional.of(what + " must be an http(s) URL of at most " + Limits.MAX_URL_LENGTH + " characters");
        }
        try {
            java.net.URI uri = new java.net.URI(url);
            boolean http = "http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme());
            if (!http || uri.getHost() == null || uri.getHost().isBlank() || uri.getUserInfo() != null) {
                return Optional.of(what + " must be an http(s) URL with a host and no credentials");
            }
            return Optional.empty();
        } catch (java.net.URISyntaxException e) {
            return Optional.of(what + " is not a valid URL");
        }
    }

    /** The first violation among several checks. */
    @SafeVarargs
    public static Optional<String> first(Optional<String>... checks) {
        for (Optional<String> check : checks) {
            if (check.isPresent()) {
                return check;
            }
        }
        return Optional.empty();
    }
}
