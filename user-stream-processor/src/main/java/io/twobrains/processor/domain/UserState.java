package io.twobrains.processor.domain;

import java.time.LocalDate;
import java.time.YearMonth;

/**
 * What the processor keeps per user: the last seq, counters, and the free-quota windows (UTC).
 *
 * @param quotaDay     the UTC day {@code dailyCount} counts; null before the first free generation
 * @param quotaMonth   the UTC month {@code monthlyCount} counts
 * @param schemaVersion the shape this value was stored in; older values are upgraded when read
 */
public record UserState(long seq, long conversations, long messages, LocalDate quotaDay, long dailyCount,
        YearMonth quotaMonth, long monthlyCount, int schemaVersion) {

    public static final int CURRENT_SCHEMA = 2;

    public static UserState empty() {
        return new UserState(0, 0, 0, null, 0, null, 0, CURRENT_SCHEMA);
    }

    /** Free generations already used on {@code day} (0 once the day has turned). */
    public long usedOn(LocalDate day) {
        return day.equals(quotaDay) ? dailyCount : 0;
    }

    public long usedIn(YearMonth month) {
        return month.equals(quotaMonth) ? monthlyCount : 0;
    }

    UserState advancedTo(long newSeq) {
        return new UserState(newSeq, conversations, messages, quotaDay, dailyCount, quotaMonth, monthlyCount, schemaVersion);
    }

    UserState withCounts(long newConversations, long newMessages) {
        return new UserState(seq, newConversations, newMessages, quotaDay, dailyCount, quotaMonth, monthlyCount, schemaVersion);
    }

    UserState withQuota(LocalDate day, long daily, YearMonth month, long monthly) {
        return new UserState(seq, conversations, messages, day, daily, month, monthly, schemaVersion);
    }

    /**
     * Erasure keeps only the seq, so the user's log stays gapless if they come back, and the counts of
     * the current quota windows, so that erasing an account does not buy a fresh quota: two numbers
     * under the subject id, no content.
     */
    UserState erased() {
        return new UserState(seq, 0, 0, quotaDay, dailyCount, quotaMonth, monthlyCount, schemaVersion);
    }

    /** A free generation that failed gives its message back, in the windows it was taken from. */
    UserState refunded(LocalDate startedOn) {
        long daily = startedOn.equals(quotaDay) && dailyCount > 0 ? dailyCount - 1 : dailyCount;
        long monthly = YearMonth.from(startedOn).equals(quotaMonth) && monthlyCount > 0 ? monthlyCount - 1 : monthlyCount;
        return new UserState(seq, conversations, messages, quotaDay, daily, quotaMonth, monthly, schemaVersion);
    }
}
