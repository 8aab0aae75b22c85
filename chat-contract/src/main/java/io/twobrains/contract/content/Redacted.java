package io.twobrains.contract.content;

/**
 * What a user's content looks like in a {@code toString}: its size, never its text (a sealed value may
 * show, it reads as nothing without the key). Frameworks log decoded and encoded values at DEBUG
 * (Spring's {@code HttpLogging} writes {@code Decoded [<value>]}), so a record holding content must not
 * print it.
 */
public final class Redacted {

    private Redacted() {
    }

    public static String of(String content) {
        if (content == null || ContentCipher.isSealed(content)) {
            return String.valueOf(content);
        }
        return "<" + content.length() + " chars>";
    }

    public static String of(Object json) {
        return json == null ? "null" : of(json.toString());
    }
}
