package io.twobrains.processor.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twobrains.testkit.TestKafka;
import java.time.Duration;
import io.twobrains.processor.store.Tables;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

/** On a real broker: the processor starts on the current layout and refuses the nine-store one. */
class StateLayoutIT {

    @Test
    void aChangelogOfTheOldLayoutStopsTheStartAndNamesTheRebuild() throws Exception {
        String bootstrap = TestKafka.bootstrapServers();
        String applicationId = "layout-" + UUID.randomUUID();
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            assertThatCode(() -> StateLayout.requireCurrent(props)).as("a new cluster").doesNotThrowAnyException();

            create(admin, applicationId + "-" + Tables.STORE + "-changelog");
            assertThatCode(() -> StateLayout.requireCurrent(props)).as("the current layout").doesNotThrowAnyException();

            create(admin, applicationId + "-chat-state-changelog");
            assertThatThrownBy(() -> StateLayout.requireCurrent(props))
                    .as("one store of JSON values (until ADR 12)")
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(applicationId + "-chat-state-changelog")
                    .hasMessageContaining("--rebuild");

            create(admin, applicationId + "-message-ids-changelog");
            assertThatThrownBy(() -> StateLayout.requireCurrent(props))
                    .as("nine stores (until ADR 7)")
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(applicationId + "-message-ids-changelog");
        }
    }

    /** Creates the topic and waits until the broker lists it, as it lists every topic of a running cluster. */
    private static void create(Admin admin, String topic) throws Exception {
        admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!admin.listTopics().names().get().contains(topic)) {
            assertThat(System.nanoTime()).as(topic + " listed within 30 s").isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
