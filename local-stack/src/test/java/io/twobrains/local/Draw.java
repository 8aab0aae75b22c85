package io.twobrains.local;

import java.util.List;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * Seeded drawing of fuzz values. Every generator takes the try's random source and nothing else, so one
 * seed gives the same cases on every run. Bounds (the shortest and longest string, the smallest and
 * largest number) come up far more often than chance would make them, since that is where parsers break.
 */
final class Draw {

    /** One in this many draws of a number or a length is one of its bounds. */
    private static final int EDGE_ODDS = 10;

    static final String ALPHANUMERIC = range('a', 'z') + range('A', 'Z') + range('0', '9');

    /** A choice and how often it is taken relative to the others. */
    record Weighted<T>(int weight, Function<RandomGenerator, ? extends T> draw) {
    }

    private Draw() {
    }

    static <T> Weighted<T> weight(int weight, Function<RandomGenerator, ? extends T> draw) {
        return new Weighted<>(weight, draw);
    }

    /** One of the choices, each as often as its weight says. */
    @SafeVarargs
    static <T> T weighted(RandomGenerator random, Weighted<? extends T>... choices) {
        int total = 0;
        for (Weighted<? extends T> choice : choices) {
            total += choice.weight();
        }
        int ticket = random.nextInt(total);
        for (Weighted<? extends T> choice : choices) {
            ticket -= choice.weight();
            if (ticket < 0) {
                return choice.draw().apply(random);
            }
        }
        throw new IllegalStateException("weights do not add up");
    }

    /** One of the choices, each equally often. */
    @SafeVarargs
    static <T> T oneOf(RandomGenerator random, Function<RandomGenerator, ? extends T>... choices) {
        return choices[random.nextInt(choices.length)].apply(random);
    }

    static <T> T element(RandomGenerator random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    @SafeVarargs
    static <T> T element(RandomGenerator random, T... values) {
        return values[random.nextInt(values.length)];
    }

    /** A number from min to max, both included. */
    static int between(RandomGenerator random, int min, int max) {
        if (random.nextInt(EDGE_ODDS) == 0) {
            return random.nextBoolean() ? min : max;
        }
        return random.nextInt(min, max + 1);
    }

    static long anyLong(RandomGenerator random) {
        if (random.nextInt(EDGE_ODDS) == 0) {
            return element(random, Long.MIN_VALUE, Long.MAX_VALUE, 0L, 1L, -1L);
        }
        return random.nextLong();
    }

    /** A finite double of any sign and magnitude, from tiny fractions to the largest there is. */
    static double anyDouble(RandomGenerator random) {
        if (random.nextInt(EDGE_ODDS) == 0) {
            return element(random, 0.0, -0.0, Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, 0.01, -0.01);
        }
        double magnitude = random.nextDouble() * Math.pow(10, random.nextInt(-10, 308));
        return random.nextBoolean() ? magnitude : -magnitude;
    }

    /** A string of chars from the alphabet. */
    static String string(RandomGenerator random, String alphabet, int minLength, int maxLength) {
        int length = between(random, minLength, maxLength);
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }

    /** A string of any chars at all: controls, lone surrogates and noncharacters included. */
    static String anyString(RandomGenerator random, int maxLength) {
        int length = between(random, 0, maxLength);
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append((char) random.nextInt(Character.MAX_VALUE + 1));
        }
        return text.toString();
    }

    static byte[] bytes(RandomGenerator random, int maxSize) {
        byte[] bytes = new byte[between(random, 0, maxSize)];
        random.nextBytes(bytes);
        return bytes;
    }

    /** The chars from one to another, both included, as an alphabet for {@link #string}. */
    static String range(char from, char to) {
        StringBuilder chars = new StringBuilder();
        for (char c = from; c <= to; c++) {
            chars.append(c);
        }
        return chars.toString();
    }
}
