package io.twobrains.processor.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.metrics.KafkaMetric;

/**
 * A stream thread's transactional producer that says when its transaction has committed: the moment
 * {@code commitTransaction} returns, everything the thread produced since the last commit, and the
 * state changes written with it, are durable. A commit that throws may or may not have happened, so
 * it counts as not committed: whoever waits is told nothing and times out, which is the truth.
 */
final class CommitNotifyingProducer implements Producer<byte[], byte[]> {

    /** Told on the stream thread that committed or aborted. */
    interface Listener {
        void committed();

        void aborted();
    }

    private final Producer<byte[], byte[]> delegate;
    private final Listener listener;

    CommitNotifyingProducer(Producer<byte[], byte[]> delegate, Listener listener) {
        this.delegate = delegate;
        this.listener = listener;
    }

    @Override
    public void commitTransaction() throws ProducerFencedException {
        boolean committed = false;
        try {
            delegate.commitTransaction();
            committed = true;
        } finally {
            if (committed) {
                listener.committed();
            } else {
                listener.aborted();
            }
        }
    }

    @Override
    public void abortTransaction() throws ProducerFencedException {
        try {
            delegate.abortTransaction();
        } finally {
            listener.aborted();
        }
    }

    @Override
    public void initTransactions() {
        delegate.initTransactions();
    }

    @Override
    public void beginTransaction() throws ProducerFencedException {
        delegate.beginTransaction();
    }

    @Override
    public void sendOffsetsToTransaction(Map<TopicPartition, OffsetAndMetadata> offsets, ConsumerGroupMetadata group)
            throws ProducerFencedException {
        delegate.sendOffsetsToTransaction(offsets, group);
    }

    @Override
    public void registerMetricForSubscription(KafkaMetric metric) {
        delegate.registerMetricForSubscription(metric);
    }

    @Override
    public void unregisterMetricFromSubscription(KafkaMetric metric) {
        delegate.unregisterMetricFromSubscription(metric);
    }

    @Override
    public Future<RecordMetadata> send(ProducerRecord<byte[], byte[]> record) {
        return delegate.send(record);
    }

    @Override
    public Future<RecordMetadata> send(ProducerRecord<byte[], byte[]> record, Callback callback) {
        return delegate.send(record, callback);
    }

    @Override
    public void flush() {
        delegate.flush();
    }

    @Override
    public List<PartitionInfo> partitionsFor(String topic) {
        return delegate.partitionsFor(topic);
    }

    @Override
    public Map<MetricName, ? extends Metric> metrics() {
        return delegate.metrics();
    }

    @Override
    public Uuid clientInstanceId(Duration timeout) {
        return delegate.clientInstanceId(timeout);
    }

    @Override
    public void close() {
        try {
            delegate.close();
        } finally {
            listener.aborted();
        }
    }

    @Override
    public void close(Duration timeout) {
        try {
            delegate.close(timeout);
        } finally {
            listener.aborted();
        }
    }
}
