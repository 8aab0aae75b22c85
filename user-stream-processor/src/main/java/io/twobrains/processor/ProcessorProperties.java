package io.twobrains.processor;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the per-user brain.
 *
 * @param applicationId    the Kafka Streams application id: the consumer group and the prefix of the changelogs
 * @param stateDir         where RocksDB keeps the stores
 * @param commitInterval   how often a transaction commits under load; every write waits for its commit, so
 *                         this is the floor of write latency when commands queue (see docs/adr/0002-commit-interval.md)
 * @param commitWhenCaughtUp whether a stream thread commits at once when nothing else waits for it, so that a
 *                         write that arrives alone waits for one commit rather than up to an interval and one;
 *                         under load something waits and the interval applies (ADR 16)
 * @param commandRetention how long a handled command id is remembered for idempotent retries
 * @param advertisedHost   the host other nodes reach this node at; {@code auto} takes this machine's address
 *                         (one setting for every replica of a container)
 * @param internalPort     the port of this node's internal server: other nodes send it the requests for the
 *                         users it holds there (HTTP/2 without TLS); keep it off the public network
 * @param streamThreads    stream threads of this instance
 * @param standbyReplicas  warm copies of each partition's stores kept on other nodes, so that a node that takes a
 *                         partition over (after a crash or a stop) starts at once instead of restoring it from the
 *                         changelog; 1 wherever more than one node runs, 0 for one node (nowhere to keep a copy)
 * @param replicationFactor replication of the changelog topics, and of the chat topics it creates
 * @param partitions       partitions of the chat topics it creates when they are missing
 * @param readWait         how long a read waits for {@code X-Chat-Min-Seq} before answering 503
 * @param transactionTimeout how long the broker lets a transaction stay open before aborting it; after an
 *                         instance dies with its state directory, readers of {@code chat.events} wait this long
 * @param sessionTimeout   how long a node may go without a heartbeat before the group gives its partitions to
 *                         the others (Kafka's default is 45 s; a killed node's users wait this long)
 * @param runnerLease      how long a node process may go unheard on {@code chat.control} before the processor
 *                         ends its running generations as failed
 * @param streams          any other Kafka Streams setting, passed through
 */
@Validated
@ConfigurationProperties("twobrains.processor")
public record ProcessorProperties(
        @DefaultValue("twobrains-processor") @NotBlank String applicationId,
        @DefaultValue(".twobrains/streams") @NotNull Path stateDir,
        @DefaultValue("10ms") @NotNull Duration commitInterval,
        @DefaultValue("true") boolean commitWhenCaughtUp,
        @DefaultValue("24h") @NotNull Duration commandRetention,
        @DefaultValue("localhost") @NotBlank String advertisedHost,
        @DefaultValue("8081") @Min(1) int internalPort,
        @DefaultValue("1") @Min(1) int streamThreads,
        @DefaultValue("0") @Min(0) int standbyReplicas,
        @DefaultValue("1") @Min(1) int replicationFactor,
        @DefaultValue("6") @Min(1) int partitions,
        @DefaultValue("5s") @NotNull Duration readWait,
        @DefaultValue("10s") @NotNull Duration transactionTimeout,
        @DefaultValue("15s") @NotNull Duration sessionTimeout,
        @DefaultValue("15s") @NotNull Duration runnerLease,
        Map<String, String> streams) {

    public ProcessorProperties {
        streams = streams == null ? Map.of() : Map.copyOf(streams);
    }

    public String resolvedAdvertisedHost() {
        if (!"auto".equals(advertisedHost)) {
            return advertisedHost;
        }
        try {
            return InetAddress.getLocalHost().getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalStateException("cannot resolve this host's address for advertised-host=auto", e);
        }
    }
}
