package io.twobrains.projector;

import io.twobrains.projector.db.Offsets;
import io.twobrains.projector.db.Projection;
import io.twobrains.projector.kafka.BatchFolder;
import io.twobrains.projector.kafka.DeadLetterSender;
import io.twobrains.projector.kafka.ProjectorLoop;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import io.twobrains.contract.TopicChecks;
import io.twobrains.contract.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** Wires the projector: one consumer, one fold per batch, one transaction per fold, and a DLQ writer. */
@Configuration(proxyBeanMethods = false)
class ProjectorConfiguration {

    static Map<String, Object> consumerConfig(KafkaProperties kafka, ProjectorProperties properties) {
        Map<String, Object> config = new HashMap<>(kafka.buildConsumerProperties());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, properties.groupId());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, properties.batchSize());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return config;
    }

    @Bean
    Projection projection(JdbcTemplate jdbc) {
        return new Projection(jdbc);
    }

    @Bean
    Offsets offsets(JdbcTemplate jdbc) {
        return new Offsets(jdbc);
    }

    /** Dead letters are written idempotently, so a retried send neither doubles nor loses one. */
    @Bean(destroyMethod = "close")
    DeadLetterSender deadLetterSender(KafkaProperties kafka, ProjectorProperties properties) {
        Map<String, Object> config = new HashMap<>(kafka.buildProducerProperties());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, properties.deadLetterTimeout().toMillis());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return new DeadLetterSender(new KafkaProducer<>(config), properties.deadLetterTimeout());
    }

    @Bean
    BatchFolder batchFolder(TransactionTemplate transactions, Projection projection, Offsets offsets,
            DeadLetterSender deadLetters) {
        return new BatchFolder(transactions, projection, offsets, deadLetters);
    }

    /**
     * Refuses a cluster whose chat topics are not as twobrains needs them (a compacted or expiring
     * chat.events, partition counts that differ). Topics not made yet are the node's to make: the
     * projector waits for them in its loop.
     */
    @Bean
    @ConditionalOnProperty(name = "twobrains.projector.mode", havingValue = "live", matchIfMissing = true)
    ProjectorLoop projectorLoop(KafkaProperties kafka, ProjectorProperties properties, BatchFolder folder, Offsets offsets)
            throws Exception {
        try (Admin admin = Admin.create(kafka.buildAdminProperties())) {
            if (admin.listTopics().names().get().contains(Topics.EVENTS)) {
                TopicChecks.requireSound(admin);
            }
        }
        return new ProjectorLoop(new KafkaConsumer<>(consumerConfig(kafka, properties)), folder, offsets, properties);
    }

    @Bean
    @ConditionalOnProperty(name = "twobrains.projector.mode", havingValue = "live", matchIfMissing = true)
    HealthIndicator projectorHealth(ProjectorLoop loop) {
        return () -> (loop.healthy() ? Health.up() : Health.down()).withDetail("applied", loop.applied()).build();
    }
}
