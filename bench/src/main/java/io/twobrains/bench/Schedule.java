package io.twobrains.bench;

/** When each request of an open loop is due: the n-th (from 0) at {@code begin + n / rate}. */
record Schedule(long beginNanos, double ratePerSecond) {

    Schedule {
        if (!(ratePerSecond > 0)) {
            throw new IllegalArgumentException("a rate must be positive: " + ratePerSecond);
        }
    }

    long dueAt(long n) {
        return beginNanos + (long) (n * 1e9 / ratePerSecond);
    }
}
