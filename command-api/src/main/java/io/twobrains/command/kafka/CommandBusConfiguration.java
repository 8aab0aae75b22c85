package io.twobrains.command.kafka;

import io.twobrains.command.CommandApiProperties;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The producer of commands and the listener for their replies. */
@Configuration(proxyBeanMethods = false)
class CommandBusConfiguration {

    @Bean(destroyMethod = "close")
    Producer<String, byte[]> commandProducer(KafkaProperties kafka, CommandApiProperties properties) {
        Map<String, Object> config = new HashMap<>(kafka.buildProducerProperties());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 1);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, properties.sendTimeout().toMillis());
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) properties.sendTimeout().toMillis());
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) properties.sendTimeout().toMillis() + 1000);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return new KafkaProducer<>(config);
    }

    @Bean
    PendingReplies pendingReplies() {
        return new PendingReplies();
    }

    @Bean
    ReplyListener replyListener(KafkaProperties kafka, PendingReplies pending) {
        return new ReplyListener(kafka.buildConsumerProperties(), pending);
    }

    @Bean
    CommandBus commandBus(Producer<String, byte[]> commandProducer, PendingReplies pending, CommandApiProperties properties) {
        return new CommandBus(commandProducer, pending, properties);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
