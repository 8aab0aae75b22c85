package io.twobrains.processor.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.twobrains.contract.TopicChecks;
import io.twobrains.contract.Topics;
import io.twobrains.testkit.TestKafka;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;

/**
 * A cluster whose chat topics would lose the log or move users is refused at start, with a message
 * saying what to fix. Runs on its own broker of the test kit; each check puts things right after itself.
 */
class TopicChecksIT {

    @Test
    void soundTopicsPassAndMismatchedPartitionsOrAnExpiringLogAreRefusedWithTheFix() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers()))) {
            assertThat(TopicChecks.requireSound(admin)).isEqualTo(TestKafka.PARTITIONS);

            ConfigResource events = new ConfigResource(ConfigResource.Type.TOPIC, Topics.EVENTS);
            alter(admin, events, List.of(new AlterConfigOp(new ConfigEntry("retention.ms", "604800000"), AlterConfigOp.OpType.SET)));
            // The broker applies a change of configuration a moment after it answered.
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThatThrownBy(() -> TopicChecks.requireSound(admin))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("chat.events deletes old records (retention.ms=604800000)")
                    .hasMessageContaining("set retention.ms=-1"));
            alter(admin, events, List.of(new AlterConfigOp(new ConfigEntry("retention.ms", "-1"), AlterConfigOp.OpType.SET)));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(TopicChecks.requireSound(admin))
                    .isEqualTo(TestKafka.PARTITIONS));

            admin.createPartitions(Map.of(Topics.CONTROL, NewPartitions.increaseTo(TestKafka.PARTITIONS + 1))).all().get();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThatThrownBy(() -> TopicChecks.requireSound(admin))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("chat.control has " + (TestKafka.PARTITIONS + 1) + " partitions")
                    .hasMessageContaining("Recreate the others with " + TestKafka.PARTITIONS));
            admin.deleteTopics(List.of(Topics.CONTROL)).all().get();
            while (admin.listTopics().names().get().contains(Topics.CONTROL)) {
                Thread.sleep(100);
            }
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
                Topics.ensure(admin, TestKafka.PARTITIONS, (short) 1);
                assertThat(TopicChecks.requireSound(admin)).as("put right again").isEqualTo(TestKafka.PARTITIONS);
            });
        }
    }

    private static void alter(Admin admin, ConfigResource topic, Collection<AlterConfigOp> changes) throws Exception {
        admin.incrementalAlterConfigs(Map.of(topic, changes)).all().get();
    }
}
