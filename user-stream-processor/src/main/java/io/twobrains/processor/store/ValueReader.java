package io.twobrains.processor.store;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Reads what a {@link ValueWriter} wrote, in the same order. */
final class ValueReader {

    private final byte[] bytes;
    private int position;

    ValueReader(byte[] bytes) {
        this(bytes, 0);
    }

    ValueReader(byte[] bytes, int from) {
        this.bytes = bytes;
        this.position = from;
    }

    int u8() {
        return bytes[position++] & 0xFF;
    }

    boolean bool() {
        return u8() != 0;
    }

    long varLong() {
        long value = 0;
        int shift = 0;
        while (true) {
            int b = u8();
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
            shift += 7;
        }
    }

    int varInt() {
        return Math.toIntExact(varLong());
    }

    long i64() {
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = (value << 8) | (bytes[position++] & 0xFF);
        }
        return value;
    }

    String string() {
        int length = varInt();
        String value = new String(bytes, position, length, StandardCharsets.UTF_8);
        position += length;
        return value;
    }

    String optional() {
        return bool() ? string() : null;
    }

    byte[] raw() {
        int length = varInt();
        byte[] value = Arrays.copyOfRange(bytes, position, position + length);
        position += length;
        return value;
    }

    /** Where the reader stands: the rest of the value starts here. */
    int position() {
        return position;
    }
}
