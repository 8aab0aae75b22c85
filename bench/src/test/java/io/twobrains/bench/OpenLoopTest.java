package io.twobrains.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class OpenLoopTest {

    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    /** A clock that moves only when the loop sleeps, and may oversleep once (a stalled generator). */
    private static final class VirtualClock implements OpenLoop.Ticker {
        long now;
        long stallAt = Long.MAX_VALUE;
        long stall;

        @Override
        public long now() {
            return now;
        }

        @Override
        public void parkUntil(long nanos) {
            now = Math.max(now, nanos);
            if (now >= stallAt) {
                now += stall;
                stallAt = Long.MAX_VALUE;
            }
        }
    }

    /** One server that takes {@code service} per request, in the order they arrive. */
    private static final class Server {
        final long service;
        long freeAt;

        Server(long service) {
            this.service = service;
        }

        long answer(long arrivedAt) {
            freeAt = Math.max(freeAt, arrivedAt) + service;
            return freeAt;
        }
    }

    @Test
    void requestsAreSentAtTheirDueTimesWhateverTheAnswers() {
        VirtualClock clock = new VirtualClock();
        List<Long> sentAt = new ArrayList<>();

        OpenLoop.Sent sent = OpenLoop.drive(new Schedule(0, 1_000), 100 * MS, clock, (n, due) -> sentAt.add(clock.now),
                () -> 0, 1_000);

        assertThat(sent.count()).isEqualTo(100);
        assertThat(sent.fellBehind()).isFalse();
        for (int n = 0; n < sentAt.size(); n++) {
            assertThat(sentAt.get(n)).isEqualTo(n * MS);
        }
    }

    @Test
    void aStalledGeneratorSendsWhatFellDueAtOnceAndTheirLatencyCountsFromWhenTheyWereDue() {
        VirtualClock clock = new VirtualClock();
        clock.stallAt = 500 * MS;
        clock.stall = 200 * MS;
        Server server = new Server(MS / 2);
        Figures corrected = new Figures();
        Figures omitted = new Figures();
        corrected.startMeasuring();
        omitted.startMeasuring();

        OpenLoop.drive(new Schedule(0, 1_000), 1_000 * MS, clock, (n, due) -> {
            long answered = server.answer(clock.now);
            corrected.record(due, answered);
            omitted.record(clock.now, answered);
        }, () -> 0, 1_000_000);

        // 200 of 1,000 requests waited for the generator, up to 200 ms: the open loop keeps them in p99
        Map<String, Object> withDueTimes = corrected.summary(1);
        Map<String, Object> fromSending = omitted.summary(1);
        assertThat(withDueTimes.get("requests")).isEqualTo(1_000L);
        assertThat((double) withDueTimes.get("p99Ms")).isGreaterThan(150);
        assertThat((double) withDueTimes.get("maxMs")).isGreaterThan(199);
        assertThat((double) fromSending.get("p99Ms")).as("timed from sending, the stall all but vanishes").isLessThan(110);
    }

    @Test
    void aWindowStopsEarlyWhenMoreThanItsLimitIsWaitingForAnswers() {
        VirtualClock clock = new VirtualClock();
        long[] outstanding = {0};

        OpenLoop.Sent sent = OpenLoop.drive(new Schedule(0, 1_000), 10_000 * MS, clock, (n, due) -> outstanding[0]++,
                () -> outstanding[0], 50);

        assertThat(sent.fellBehind()).isTrue();
        assertThat(sent.count()).isEqualTo(51);
    }
}
