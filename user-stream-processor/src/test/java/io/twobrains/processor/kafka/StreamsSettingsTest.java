package io.twobrains.processor.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.twobrains.processor.ProcessorProperties;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * What Kafka Streams makes of the processor's settings: its own resolution of the configuration, so
 * that a default it forces on its clients cannot silently win over ours.
 */
class StreamsSettingsTest {

    private static final Map<String, Object> BROKERS = Map.of(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9092");

    @Test
    void theMainConsumerLeavesTheGroupWhenTheNodeStops() {
        StreamsConfig config = new StreamsConfig(StreamsSettings.live(properties(Map.of()), BROKERS));

        Map<String, Object> main = config.getMainConsumerConfigs("twobrains-processor", "node-StreamThread-1", 0);

        assertThat(String.valueOf(main.get(StreamsSettings.LEAVE_GROUP_ON_CLOSE))).isEqualTo("true");
        assertThat(main.get(ConsumerConfig.GROUP_PROTOCOL_CONFIG)).as("the leave is the classic protocol's")
                .isEqualTo("classic");
    }

    @Test
    void standbyReplicasAreNoneForOneNodeAndWhatTheDeploymentAsks() {
        StreamsConfig alone = new StreamsConfig(StreamsSettings.live(properties(Map.of()), BROKERS));
        StreamsConfig scaled = new StreamsConfig(StreamsSettings.live(
                properties(Map.of("twobrains.processor.standby-replicas", "1")), BROKERS));

        assertThat(alone.getInt(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG)).isZero();
        assertThat(scaled.getInt(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG)).isEqualTo(1);
    }

    private static ProcessorProperties properties(Map<String, String> given) {
        return new Binder(new MapConfigurationPropertySource(given))
                .bindOrCreate("twobrains.processor", ProcessorProperties.class);
    }
}
