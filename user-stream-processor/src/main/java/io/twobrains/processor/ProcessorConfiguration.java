package io.twobrains.processor;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.twobrains.contract.TopicChecks;
import io.twobrains.contract.Topics;
import io.twobrains.messaging.KafkaClients;
import io.twobrains.messaging.PendingReplies;
import io.twobrains.processor.domain.QuotaPlans;
import io.twobrains.processor.feed.UserFeed;
import io.twobrains.processor.lease.NodeIdentity;
import io.twobrains.processor.lease.NodeLiveness;
import io.twobrains.processor.kafka.ChatStreams;
import io.twobrains.processor.kafka.StreamsSettings;
import io.twobrains.processor.kafka.UserLocator;
import io.twobrains.service.quota.QuotaProperties;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the live processor of a node: the topology and its runner, the replies it hands on once
 * committed, and the locator that says which node holds a user's state.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "twobrains.processor.mode", havingValue = "live", matchIfMissing = true)
class ProcessorConfiguration {

    /** Every Kafka client of the node takes the deployment's settings (brokers, SASL, TLS) from here. */
    @Bean
    KafkaClients kafkaClients(KafkaProperties kafka) {
        return new KafkaClients(kafka.buildProducerProperties(), kafka.buildConsumerProperties());
    }

    /** Writes waiting for their replies: the processor completes them once their transactions commit. */
    @Bean
    PendingReplies pendingReplies() {
        return new PendingReplies();
    }

    /** Each user's committed events, live, for the user's tabs and devices. */
    @Bean
    UserFeed userFeed(Clock clock) {
        return new UserFeed(Duration.ofMinutes(2), clock);
    }

    /** This node process, as the runner of its generations. */
    @Bean
    NodeIdentity nodeIdentity(ProcessorProperties properties) {
        return NodeIdentity.started(properties.resolvedAdvertisedHost() + ":" + properties.internalPort());
    }

    /** Which runners are alive, from their heartbeats (the command side hears them on chat.control). */
    @Bean
    NodeLiveness nodeLiveness(NodeIdentity self, ProcessorProperties properties, Clock clock) {
        return new NodeLiveness(self.instance(), properties.runnerLease(), clock);
    }

    /** The processor creates the chat topics it needs if they are missing, so a fresh cluster just works. */
    @Bean
    ChatStreams chatStreams(ProcessorProperties properties, QuotaProperties quota, KafkaProperties kafka,
            PendingReplies pending, UserFeed feed, NodeLiveness liveness) throws Exception {
        try (Admin admin = Admin.create(kafka.buildAdminProperties())) {
            Topics.ensure(admin, properties.partitions(), (short) properties.replicationFactor());
            TopicChecks.requireSound(admin);
        }
        return ChatStreams.live(properties.commandRetention(), plans(quota),
                StreamsSettings.live(properties, kafka.buildStreamsProperties()), pending::complete, feed::publish,
                liveness::isAlive, properties.commitWhenCaughtUp());
    }

    static QuotaPlans plans(QuotaProperties quota) {
        Map<String, QuotaPlans.Limits> plans = new HashMap<>();
        quota.plans().forEach((name, plan) -> plans.put(name, new QuotaPlans.Limits(plan.daily(), plan.monthly())));
        return new QuotaPlans(new QuotaPlans.Limits(quota.daily(), quota.monthly()), plans);
    }

    @Bean
    UserLocator userLocator(ChatStreams chatStreams, ProcessorProperties properties) {
        return new UserLocator(chatStreams.streams(),
                new HostInfo(properties.resolvedAdvertisedHost(), properties.internalPort()));
    }

    @Bean
    KafkaStreamsMetrics processorStreamsMetrics(ChatStreams chatStreams, MeterRegistry registry) {
        KafkaStreamsMetrics metrics = new KafkaStreamsMetrics(chatStreams.streams());
        metrics.bindTo(registry);
        return metrics;
    }

    /** Up while running or rebalancing; down once the processor has stopped or failed. */
    @Bean
    HealthIndicator processorHealth(ChatStreams chatStreams) {
        return () -> {
            KafkaStreams.State state = chatStreams.streams().state();
            Health.Builder health = state.isRunningOrRebalancing() || state == KafkaStreams.State.CREATED
                    ? Health.up() : Health.down();
            return health.withDetail("state", state.name()).build();
        };
    }
}
