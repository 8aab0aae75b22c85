package io.twobrains.processor.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.twobrains.processor.domain.UserState;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StoredValuesTest {

    @Test
    void aUserStoredBeforeSchemaVersionsIsUpgradedWhenRead() {
        byte[] unversioned = "{\"seq\":42}".getBytes(StandardCharsets.UTF_8);

        UserState user = StoredValues.user(unversioned);

        assertThat(user).isEqualTo(new UserState(42, 0, 0, null, 0, null, 0, UserState.CURRENT_SCHEMA));
    }

    @Test
    void aCurrentUserIsReadAsWritten() {
        UserState user = new UserState(7, 2, 30, java.time.LocalDate.parse("2026-03-01"), 3, java.time.YearMonth.parse("2026-03"), 9,
                UserState.CURRENT_SCHEMA);

        assertThat(StoredValues.user(StoredValues.write(user))).isEqualTo(user);
    }

    @Test
    void anAbsentUserIsANewOne() {
        assertThat(StoredValues.user(null)).isEqualTo(UserState.empty());
    }
}
