package io.twobrains.query.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The admin report over the projector's tables, on a real PostgreSQL. */
class AnalyticsTest {

    private static final LocalDate DAY1 = LocalDate.parse("2026-11-01");
    private static final LocalDate DAY2 = LocalDate.parse("2026-11-02");
    private static Analytics analytics;

    @BeforeAll
    static void seed() {
        GlobalDatabase database = GlobalDatabase.create();
        database.execute("""
                insert into usage_daily (user_id, day, messages, free_messages, byok_messages, input_tokens, output_tokens,
                                         reasoning_tokens, last_seq) values
                  ('alice', '2026-11-01', 3, 2, 1, 30, 60, 0, 10),
                  ('bob',   '2026-11-01', 1, 1, 0, 10, 20, 5, 4),
                  ('alice', '2026-11-02', 2, 2, 0, 20, 40, 0, 14),
                  ('erased-7f3a', '2026-11-02', 4, 4, 0, 40, 80, 0, 9),
                  ('carol', '2026-10-31', 9, 9, 0, 90, 90, 0, 9);
                insert into generations (user_id, generation_id, conversation_id, model, provider, byok, day, started_at,
                                         finish_reason, input_tokens, output_tokens, latency_ms, last_seq) values
                  ('alice', 'g1', 'c', 'gpt-4o-mini', 'openai', false, '2026-11-01', now(), 'stop', 10, 20, 100, 1),
                  ('alice', 'g2', 'c', 'gpt-4o-mini', 'openai', false, '2026-11-01', now(), 'stop', 10, 20, 300, 2),
                  ('alice', 'g3', 'c', 'gpt-4o-mini', 'openai', false, '2026-11-01', now(), 'error', 10, 0, 9000, 3),
                  ('bob',   'g1', 'c', 'claude-3-5-haiku-latest', 'anthropic', true, '2026-11-02', now(), 'stop', 5, 5, 50, 1);
                """);
        analytics = new Analytics(database.reads);
    }

    @Test
    void totalsCountEveryMessageOfTheRangeAndEachActiveUserOnce() {
        Analytics.Report report = analytics.report(DAY1, DAY2).block();

        assertThat(report.activeUsers()).isEqualTo(3);
        assertThat(report.messages()).isEqualTo(10);
        assertThat(report.byokShare()).isEqualTo(0.1);
        assertThat(report.days()).extracting(Analytics.Day::messages).containsExactly(4L, 6L);
        assertThat(report.days()).extracting(Analytics.Day::activeUsers).containsExactly(2L, 2L);
    }

    @Test
    void latencyPercentilesLeaveFailedRepliesOut() {
        Analytics.ModelFigures mini = analytics.report(DAY1, DAY2).block().models().stream()
                .filter(m -> m.model().equals("gpt-4o-mini")).findFirst().orElseThrow();

        assertThat(mini.messages()).isEqualTo(3);
        assertThat(mini.latencyP50Ms()).isEqualTo(200.0);
        assertThat(mini.latencyP95Ms()).isLessThan(300.0 + 1);
    }

    @Test
    void topUsersNeverNameAnErasedOne() {
        assertThat(analytics.report(DAY1, DAY2).block().topUsers()).extracting(Analytics.UserFigures::userId)
                .containsExactly("alice", "bob");
    }
}
