package io.twobrains.local;

import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * A fuzz property run as a fixed number of tries. Each try draws its case from its own seed, and those
 * seeds come from one fixed seed, so the same cases come in the same order on every run and a failure
 * names the try, the seed and the case that reproduce it.
 */
final class SeededTries {

    static final int TRIES = 200;

    /** At most this many discarded tries per checked one, or the property proves too little. */
    private static final int MAX_DISCARD_RATIO = 5;

    private static final int CASE_SHOWN = 2_000;

    /** Thrown by a try whose case cannot be checked at all (a request the client refuses to send). */
    static final class Discarded extends RuntimeException {
        Discarded(String why, Throwable cause) {
            super(why, cause);
        }
    }

    private SeededTries() {
    }

    /** Checks the property on {@link #TRIES} cases drawn from the seed; fails on the first case it does not hold for. */
    static <C> void check(long seed, Function<RandomGenerator, C> draw, Consumer<C> property) {
        Random trySeeds = new Random(seed);
        int discarded = 0;
        for (int tryNumber = 1; tryNumber <= TRIES; tryNumber++) {
            long trySeed = trySeeds.nextLong();
            C drawn = draw.apply(new Random(trySeed));
            try {
                property.accept(drawn);
            } catch (Discarded notCheckable) {
                discarded++;
            } catch (AssertionError | RuntimeException failure) {
                throw new AssertionError("try " + tryNumber + " of " + TRIES + " from seed " + seed + " (its own seed "
                        + trySeed + ") failed for " + shown(drawn) + "\n" + failure.getMessage(), failure);
            }
        }
        int checked = TRIES - discarded;
        if (checked == 0 || discarded > MAX_DISCARD_RATIO * checked) {
            throw new AssertionError("seed " + seed + ": " + discarded + " of " + TRIES + " tries were discarded, only "
                    + checked + " checked");
        }
        System.out.println("seed " + seed + ": " + checked + " tries checked, " + discarded + " discarded");
    }

    private static String shown(Object drawn) {
        String text = String.valueOf(drawn);
        return text.length() > CASE_SHOWN ? text.substring(0, CASE_SHOWN) + "… (" + text.length() + " chars)" : text;
    }
}
