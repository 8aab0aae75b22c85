package io.twobrains.command.kafka;

import io.twobrains.contract.Topics;
import io.twobrains.contract.json.MalformedRecordException;
import io.twobrains.contract.json.ReplyCodec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.SmartLifecycle;

/**
 * Reads {@code chat.replies} from its end, on every partition, and hands each reply to the write
 * waiting for it. It reads committed records only: a reply is visible once the processor's
 * transaction (events, state and reply together) has committed. A record that is not a reply goes to
 * {@code chat.dlq}, and the listener goes on.
 */
class ReplyListener implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ReplyListener.class);

    private final Map<String, Object> consumerConfig;
    private final PendingReplies pending;
    private final CountDownLatch ready = new CountDownLatch(1);
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile Thread thread;
    private volatile DeadLetterWriter deadLetters;

    ReplyListener(Map<String, Object> kafkaConsumerProperties, PendingReplies pending) {
        this.consumerConfig = new java.util.HashMap<>(kafkaConsumerProperties);
        this.consumerConfig.remove(ConsumerConfig.GROUP_ID_CONFIG);
        this.consumerConfig.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        this.consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        this.consumerConfig.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100);
        this.consumerConfig.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        this.consumerConfig.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        this.pending = pending;
    }

    /**
     * Where unreadable replies go. Injected here rather than through the constructor, because the
     * listener is wired in {@link CommandBusConfiguration} together with the command producer.
     */
    @Autowired
    void deadLetterTo(DeadLetterWriter writer) {
        this.deadLetters = writer;
    }

    @Override
    public void start() {
        consumer = new KafkaConsumer<>(consumerConfig);
        thread = new Thread(this::run, "reply-listener");
        thread.setDaemon(true);
        thread.start();
        try {
            if (!ready.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("could not position on " + Topics.REPLIES + " within 60 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void run() {
        try {
            List<TopicPartition> partitions = awaitPartitions();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            ready.countDown();
            while (!Thread.currentThread().isInterrupted()) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofSeconds(1))) {
                    try {
                        Topics.requireFits(record.value());
                        pending.complete(ReplyCodec.fromBytes(record.value()));
                    } catch (MalformedRecordException e) {
                        refuse(record, e);
                    }
                }
            }
        } catch (WakeupException e) {
            // stopping
        } catch (RuntimeException e) {
            log.error("reply listener stopped", e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void refuse(ConsumerRecord<String, byte[]> record, MalformedRecordException error) {
        DeadLetterWriter writer = deadLetters;
        if (writer == null) {
            log.warn("ignoring an unreadable reply at {}-{}@{}", record.topic(), record.partition(), record.offset());
        } else {
            writer.refuse(record, "unreadable reply", error);
        }
    }

    private List<TopicPartition> awaitPartitions() {
        while (true) {
            List<PartitionInfo> infos = consumer.partitionsFor(Topics.REPLIES, Duration.ofSeconds(10));
            if (infos != null && !infos.isEmpty()) {
                return infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            }
            log.info("waiting for topic {}", Topics.REPLIES);
        }
    }

    @Override
    public void stop() {
        if (consumer != null) {
            consumer.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        thread = null;
    }

    @Override
    public boolean isRunning() {
        return thread != null;
    }
}
