package io.twobrains.processor.store;

import java.nio.ByteBuffer;
import java.util.Base64;

/** Opaque page cursors: base64url of the key bytes a page continues from. */
public final class Cursors {

    /** A cursor that this server did not make. */
    public static class InvalidCursorException extends IllegalArgumentException {
        InvalidCursorException() {
            super("cursor is not valid");
        }
    }

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private Cursors() {
    }

    public static String encode(byte[] bytes) {
        return ENCODER.encodeToString(bytes);
    }

    public static byte[] decode(String cursor) {
        try {
            byte[] bytes = DECODER.decode(cursor);
            if (bytes.length == 0) {
                throw new InvalidCursorException();
            }
            return bytes;
        } catch (IllegalArgumentException e) {
            throw new InvalidCursorException();
        }
    }

    public static String position(long position) {
        return encode(ByteBuffer.allocate(Long.BYTES).putLong(position).array());
    }

    public static long position(String cursor) {
        byte[] bytes = decode(cursor);
        if (bytes.length != Long.BYTES) {
            throw new InvalidCursorException();
        }
        long position = ByteBuffer.wrap(bytes).getLong();
        if (position < 1) {
            throw new InvalidCursorException();
        }
        return position;
    }
}
