package io.twobrains.command.kafka;

import io.twobrains.command.CommandApiProperties;
import io.twobrains.messaging.CommandGateway;
import io.twobrains.messaging.KafkaClients;
import io.twobrains.messaging.PendingReplies;
import io.twobrains.messaging.RemoteOutcomes;
import io.twobrains.processor.kafka.ChatStreams;
import io.twobrains.processor.kafka.UserLocator;
import org.apache.kafka.clients.producer.Producer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.core.scheduler.Schedulers;

/**
 * The node's one producer (commands, deltas, stop signals, dead letters) and its command gateway,
 * whose replies the node's processor hands on once committed.
 */
@Configuration(proxyBeanMethods = false)
class NodeMessaging {

    /** Closed after everything that sends through it; a record not delivered by then expires with its delivery timeout. */
    @Bean
    Producer<String, byte[]> nodeProducer(KafkaClients clients, CommandApiProperties properties) {
        return clients.producer(properties.sendTimeout());
    }

    /** Outcomes of commands for users this node does not hold (a reply that outlived its user's move). */
    @Bean
    RemoteOutcomes remoteOutcomes(KafkaClients clients, PendingReplies pending) {
        return new RemoteOutcomes(clients, pending);
    }

    @Bean
    CommandGateway commandGateway(Producer<String, byte[]> nodeProducer, PendingReplies pending,
            CommandApiProperties properties, UserLocator locator, RemoteOutcomes remote, ChatStreams streams) {
        CommandGateway gateway = new CommandGateway(nodeProducer, pending, properties.replyTimeout(),
                Schedulers.boundedElastic(), locator::holds, remote);
        streams.whenRunning(gateway::rehome);
        return gateway;
    }
}
