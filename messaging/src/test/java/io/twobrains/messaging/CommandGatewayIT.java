package io.twobrains.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twobrains.contract.RecordHeaders;
import io.twobrains.contract.Topics;
import io.twobrains.contract.command.CommandEnvelope;
import io.twobrains.contract.command.StartConversation;
import io.twobrains.contract.event.ConversationStarted;
import io.twobrains.contract.event.EventEnvelope;
import io.twobrains.contract.json.EventCodec;
import io.twobrains.contract.reply.Reply;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.scheduler.Schedulers;

/**
 * The gateway answers a command only with an outcome that is known for sure: here, as a client outside
 * a node learns it, from the command's last event read committed. An event of an aborted transaction
 * is never an answer, and no answer in time is an undecided command, never a guess.
 */
class CommandGatewayIT {

    private static KafkaClients clients;
    private static KafkaProducer<String, byte[]> producer;
    private static EventOutcomes outcomes;
    private static CommandGateway gateway;

    @BeforeAll
    static void start() {
        clients = KafkaClients.bootstrap(Broker.bootstrapServers());
        PendingReplies pending = new PendingReplies();
        producer = clients.producer(Duration.ofSeconds(10));
        outcomes = EventOutcomes.start(clients, pending);
        gateway = new CommandGateway(producer, pending, Duration.ofSeconds(20), Schedulers.boundedElastic());
    }

    @AfterAll
    static void stop() {
        outcomes.close();
        producer.close();
    }

    @Test
    void aCommandIsAnsweredByItsCommittedLastEventNeverByAnAbortedOne() throws Exception {
        CommandEnvelope command = command("alice");
        CompletableFuture<Reply> reply = gateway.send(command).toFuture();

        try (KafkaProducer<String, byte[]> processor = transactional()) {
            processor.beginTransaction();
            processor.send(lastEvent(command, 7));
            processor.flush();
            processor.abortTransaction();
            Thread.sleep(1_000);
            assertThat(reply).as("an aborted transaction's event is no answer").isNotDone();

            processor.beginTransaction();
            processor.send(lastEvent(command, 7));
            processor.commitTransaction();
        }

        assertThat(reply.get().seq()).isEqualTo(7);
        assertThat(reply.get().isAccepted()).isTrue();
    }

    @Test
    void aCommandWithNoOutcomeInTimeIsUndecided() {
        CommandEnvelope command = command("bob");

        assertThatThrownBy(() -> gateway.send(command, Duration.ofMillis(500)).block())
                .isInstanceOf(UndecidedCommandException.class)
                .hasMessageContaining("not known yet");
    }

    @Test
    void theCommandReachesTheUsersPartitionAsWritten() {
        CommandEnvelope command = command("carol");
        gateway.send(command, Duration.ofMillis(200)).onErrorResume(e -> reactor.core.publisher.Mono.empty()).block();

        java.util.List<byte[]> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (TopicTail tail = TopicTail.start(clients, Topics.COMMANDS, null,
                new TopicTail.Start.Since(command.issuedAt().minusSeconds(60)), false,
                record -> {
                    if ("carol".equals(record.key())) {
                        seen.add(record.value());
                    }
                }, "commands-reader")) {
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> !seen.isEmpty());
        }
        assertThat(io.twobrains.contract.json.CommandCodec.fromBytes(seen.get(0))).isEqualTo(command);
    }

    private static CommandEnvelope command(String user) {
        return new CommandEnvelope(UUID.randomUUID(), user, Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS),
                new StartConversation("c-" + UUID.randomUUID(), null), null);
    }

    private static ProducerRecord<String, byte[]> lastEvent(CommandEnvelope command, long seq) {
        EventEnvelope event = new EventEnvelope(UUID.randomUUID(), command.userId(), seq, command.commandId(),
                Instant.now(), 1, new ConversationStarted("c", null));
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.EVENTS, command.userId(), EventCodec.toBytes(event));
        record.headers().add(new RecordHeader(RecordHeaders.COMMAND_END, "1".getBytes(StandardCharsets.UTF_8)));
        return record;
    }

    private static KafkaProducer<String, byte[]> transactional() {
        KafkaProducer<String, byte[]> processor = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Broker.bootstrapServers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "test-processor-" + UUID.randomUUID(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
        processor.initTransactions();
        return processor;
    }
}
