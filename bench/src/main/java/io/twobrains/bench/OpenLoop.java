package io.twobrains.bench;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * Requests at a fixed rate, whatever the answers: one thread sleeps until the next request is due
 * and, when it wakes late, sends every request due by then at once. Each keeps its due time, and its
 * latency counts from there ({@link Figures#record(long, long)}), so neither a stalled system nor a
 * stalled generator hides the requests that would have waited (no coordinated omission).
 *
 * <p>A window stops early when more than a second's worth of requests is waiting for answers: the
 * system is not keeping up, and the backlog would only spill into the next window.
 */
final class OpenLoop {

    /** What the loop reads the time from and sleeps on: the system's clock, or a virtual one in tests. */
    interface Ticker {
        long now();

        void parkUntil(long nanos);
    }

    static final Ticker SYSTEM_CLOCK = new Ticker() {
        @Override
        public long now() {
            return System.nanoTime();
        }

        @Override
        public void parkUntil(long nanos) {
            long wait = nanos - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
        }
    };

    /** Sends the {@code n}-th request, due at {@code dueNanos}; it records its own answer. */
    interface Dispatch {
        void send(long n, long dueNanos);
    }

    /** How many requests a window sent, and whether it stopped early because the system fell behind. */
    record Sent(long count, boolean fellBehind, long endedNanos) {
    }

    /** One measured window: its asked rate and length, what it sent, and what never came back. */
    record Window(double rate, double seconds, long sent, long unfinished, boolean fellBehind) {
    }

    private static final Duration DRAIN = Duration.ofSeconds(30);

    private OpenLoop() {
    }

    /**
     * Sends every request of {@code schedule} due before {@code endNanos}, each at its due time or as
     * soon after it as the loop wakes; stops early when more than {@code behindLimit} are outstanding.
     */
    static Sent drive(Schedule schedule, long endNanos, Ticker ticker, Dispatch dispatch, LongSupplier outstanding,
            long behindLimit) {
        long n = 0;
        while (true) {
            long now = ticker.now();
            for (long due = schedule.dueAt(n); due <= now && due < endNanos; due = schedule.dueAt(n)) {
                dispatch.send(n++, due);
            }
            long next = schedule.dueAt(n);
            if (next >= endNanos) {
                return new Sent(n, false, endNanos);
            }
            if (outstanding.getAsLong() > behindLimit) {
                return new Sent(n, true, now);
            }
            ticker.parkUntil(next);
        }
    }

    /**
     * Sends {@code request} at {@code rate} per second for {@code length}, records every answer in
     * {@code figures}, then waits for the answers still out (at most 30 s); those that never come are
     * errors ("unfinished").
     */
    static Window run(Request request, double rate, Duration length, Figures figures) {
        AtomicLong outstanding = new AtomicLong();
        long begin = System.nanoTime() + 1_000_000;
        Schedule schedule = new Schedule(begin, rate);
        long behindLimit = Math.max(50, (long) rate);
        Sent sent = drive(schedule, begin + length.toNanos(), SYSTEM_CLOCK, (n, due) -> {
            outstanding.incrementAndGet();
            request.send(n).defaultIfEmpty(false).subscribe(ok -> {
                if (ok) {
                    figures.record(due, System.nanoTime());
                } else {
                    figures.error();
                }
                outstanding.decrementAndGet();
            }, error -> {
                figures.error(Answers.kind(error));
                outstanding.decrementAndGet();
            });
        }, outstanding::get, behindLimit);
        double seconds = (sent.endedNanos() - begin) / 1e9;
        long drainEnd = System.nanoTime() + DRAIN.toNanos();
        while (outstanding.get() > 0 && System.nanoTime() < drainEnd) {
            LockSupport.parkNanos(1_000_000);
        }
        long unfinished = outstanding.get();
        figures.errors("unfinished", unfinished);
        return new Window(rate, seconds, sent.count(), unfinished, sent.fellBehind());
    }
}
