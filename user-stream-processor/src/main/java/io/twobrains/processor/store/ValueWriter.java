package io.twobrains.processor.store;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes a stored value: a growing byte array of fixed-width numbers, variable-length numbers and
 * length-prefixed strings. Values are binary because every command writes some, and a JSON codec
 * cost a quarter of a command's time.
 */
final class ValueWriter {

    private byte[] bytes;
    private int size;

    ValueWriter(int expectedSize) {
        bytes = new byte[Math.max(16, expectedSize)];
    }

    ValueWriter u8(int value) {
        ensure(1);
        bytes[size++] = (byte) value;
        return this;
    }

    ValueWriter bool(boolean value) {
        return u8(value ? 1 : 0);
    }

    /** A non-negative number in 7-bit groups, small numbers in one byte. */
    ValueWriter varLong(long value) {
        if (value < 0) {
            throw new IllegalArgumentException("negative: " + value);
        }
        ensure(10);
        while ((value & ~0x7FL) != 0) {
            bytes[size++] = (byte) ((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        bytes[size++] = (byte) value;
        return this;
    }

    ValueWriter i64(long value) {
        ensure(8);
        for (int shift = 56; shift >= 0; shift -= 8) {
            bytes[size++] = (byte) (value >>> shift);
        }
        return this;
    }

    ValueWriter string(String value) {
        return raw(value.getBytes(StandardCharsets.UTF_8));
    }

    /** A string that may be absent: a presence byte, then the string. */
    ValueWriter optional(String value) {
        bool(value != null);
        return value == null ? this : string(value);
    }

    /** Length-prefixed bytes. */
    ValueWriter raw(byte[] value) {
        varLong(value.length);
        return rest(value);
    }

    /** Bytes to the end of the value, without a length. */
    ValueWriter rest(byte[] value) {
        ensure(value.length);
        System.arraycopy(value, 0, bytes, size, value.length);
        size += value.length;
        return this;
    }

    byte[] toBytes() {
        return Arrays.copyOf(bytes, size);
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }
}
