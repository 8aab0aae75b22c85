package io.twobrains.messaging;

import io.twobrains.contract.Topics;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/** One real KRaft broker for this module's tests, with the chat topics (the test kit depends on this module). */
final class Broker {

    private static EmbeddedKafkaKraftBroker broker;

    private Broker() {
    }

    static synchronized String bootstrapServers() {
        if (broker == null) {
            EmbeddedKafkaKraftBroker started = new EmbeddedKafkaKraftBroker(1, 3);
            started.brokerProperties(Map.of("transaction.state.log.replication.factor", "1",
                    "transaction.state.log.min.isr", "1", "offsets.topic.replication.factor", "1",
                    "auto.create.topics.enable", "false"));
            started.afterPropertiesSet();
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, started.getBrokersAsString()))) {
                Topics.ensure(admin, 3, (short) 1);
            } catch (Exception e) {
                throw new IllegalStateException("could not create the chat topics", e);
            }
            broker = started;
            Runtime.getRuntime().addShutdownHook(new Thread(started::destroy));
        }
        return broker.getBrokersAsString();
    }
}
