package io.twobrains.processor.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twobrains.contract.event.TitleSource;
import io.twobrains.contract.message.Role;
import io.twobrains.contract.message.TextPart;
import io.twobrains.contract.reply.Reply;
import io.twobrains.contract.view.MessageView;
import io.twobrains.processor.domain.Conversation;
import io.twobrains.processor.domain.Generation;
import io.twobrains.processor.domain.Idempotency;
import io.twobrains.processor.domain.Message;
import io.twobrains.processor.domain.UserState;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class StoredValuesTest {

    private static final Instant T = Instant.parse("2026-03-01T12:00:00.123Z");

    @Test
    void aHeadIsReadAsWritten() {
        UserState user = new UserState(7, 2, 30, LocalDate.parse("2026-03-01"), 3, YearMonth.parse("2026-03"), 9,
                UserState.CURRENT_SCHEMA);
        UserHead head = new UserHead(user,
                List.of(new Conversation("c2", "Trip — 東京", TitleSource.AUTO, T, T.plusMillis(5), 4, 6, "m6"),
                        new Conversation("c1", null, null, T, T, 0, 0, null)),
                Map.of("g1", new Generation("g1", "c2", "gpt-4o-mini", "openai", true, T, "a1", "m6", 6, "node-1")));

        assertThat(StoredValues.head(StoredValues.head(head))).isEqualTo(head);
        assertThat(StoredValues.head(StoredValues.head(UserHead.empty()))).isEqualTo(UserHead.empty());
    }

    @Test
    void anAbsentHeadIsANewUser() {
        assertThat(StoredValues.head((byte[]) null)).isEqualTo(UserHead.empty());
        assertThat(StoredValues.head((byte[]) null).user()).isEqualTo(UserState.empty());
    }

    @Test
    void aMessageKeepsTheJsonAPageSends() {
        Message message = new Message("c1", "m1", 3, Role.USER, List.of(new TextPart("hi \"there\"")), T);

        byte[] stored = StoredValues.message(message);

        assertThat(new String(StoredValues.messageJson(stored), StandardCharsets.UTF_8))
                .isEqualTo("{\"id\":\"m1\",\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"text\":\"hi \\\"there\\\"\"}],"
                        + "\"createdAt\":\"2026-03-01T12:00:00.123Z\"}");
        assertThat(StoredValues.messageView(stored)).isEqualTo(message.view());
    }

    @Test
    void anOutcomeKeepsNoMessageTextAndSaysWhenItWasRecorded() {
        UUID command = UUID.randomUUID();
        Reply reply = Reply.accepted(command, "alice", 4, null,
                new MessageView("m1", Role.USER, List.of(new TextPart("secret text")), T), null, null);

        byte[] stored = StoredValues.outcome(new Idempotency.Outcome("fp", reply), T);

        assertThat(new String(stored, StandardCharsets.UTF_8)).doesNotContain("secret text");
        assertThat(StoredValues.outcomeRecordedAt(stored)).isEqualTo(T.toEpochMilli());
        Idempotency.Outcome read = StoredValues.outcome(stored);
        assertThat(read.fingerprint()).isEqualTo("fp");
        assertThat(read.reply().seq()).isEqualTo(4);
        assertThat(read.reply().message().id()).isEqualTo("m1");
        assertThat(read.reply().message().parts()).isEmpty();
    }

    @Test
    void aValueOfAnUnknownFormatIsRefusedWithAReason() {
        byte[] future = StoredValues.head(UserHead.empty());
        future[0] = 99;

        assertThatThrownBy(() -> StoredValues.head(future)).hasMessageContaining("format version 99");
    }
}
