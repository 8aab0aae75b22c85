package io.twobrains.bench;

import io.twobrains.contract.TopicEnds;
import io.twobrains.contract.Topics;
import io.twobrains.contract.event.ConversationStarted;
import io.twobrains.contract.event.Event;
import io.twobrains.contract.event.EventEnvelope;
import io.twobrains.contract.event.MessageAppended;
import io.twobrains.contract.json.EventCodec;
import io.twobrains.contract.message.Role;
import io.twobrains.contract.message.TextPart;
import io.twobrains.local.LocalStack;
import io.twobrains.processor.kafka.ChatStreams;
import io.twobrains.processor.kafka.RestoreProgress;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Recovery at scale, on a private stack: {@code --messages} (default 1,000,000) messages of about 500
 * bytes for {@code --users} users are written to chat.events, then three recoveries are timed, each
 * with a progress bar:
 * <ol>
 * <li>the processor's state rebuilt from chat.events alone ({@code --rebuild});</li>
 * <li>the processor's local stores lost and restored from their changelogs (what a crashed instance
 * with a lost disk, or a new instance taking over partitions, does);</li>
 * <li>every Postgres table replayed from offset 0 ({@code --replay});</li>
 * <li>a node taking every partition over from one that stops, with a standby replica
 * ({@code --takeover false} leaves it out).</li>
 * </ol>
 * The events are written straight to chat.events with the contract's own codec, exactly as the
 * processor writes them: this scenario measures recovery, and seeding a million messages through the
 * write path would take longer than the recoveries it measures (the write scenario measures that path).
 */
final class Recovery {

    private static final String TEXT = "x".repeat(400);
    private static final int CONVERSATIONS_PER_USER = 10;

    private Recovery() {
    }

    static Map<String, Object> run(Target target, Options options) {
        LocalStack stack = target.localStack();
        int messages = options.intFlag("messages", options.quick() ? 20_000 : 1_000_000);
        int users = options.users();
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("messages", messages);
        figures.put("users", users);

        long begin = System.nanoTime();
        long events = seed(stack.kafkaBootstrapServers(), users, messages);
        figures.put("events", events);
        figures.put("seedSeconds", seconds(begin));
        // The live projector folds what was seeded; it is timed too, and must be done before the
        // recoveries are timed, so that they do not share the cores with it.
        begin = System.nanoTime();
        awaitProjected(stack, endOffset(stack.kafkaBootstrapServers()));
        figures.put("liveProjectionSeconds", seconds(begin));

        begin = System.nanoTime();
        stack.rebuildNodeState();
        figures.put("rebuildFromEventsSeconds", seconds(begin));

        begin = System.nanoTime();
        ChatStreams restarted = stack.restartNode(true);
        awaitRestored(restarted);
        figures.put("restoreFromChangelogsSeconds", seconds(begin));
        figures.put("restoredRecords", restarted.restoreProgress().snapshot().total());

        begin = System.nanoTime();
        long replayed = stack.replayProjector();
        figures.put("projectorReplaySeconds", seconds(begin));
        figures.put("projectorReplayedEvents", replayed);

        if (Boolean.parseBoolean(options.flag("takeover", "true"))) {
            figures.put("takeover", Takeover.run(stack));
        }

        figures.put("rebuildEventsPerSecond", perSecond(events, (double) figures.get("rebuildFromEventsSeconds")));
        figures.put("restoreRecordsPerSecond", perSecond((long) figures.get("restoredRecords"),
                (double) figures.get("restoreFromChangelogsSeconds")));
        figures.put("replayEventsPerSecond", perSecond(replayed, (double) figures.get("projectorReplaySeconds")));
        return figures;
    }

    /** Each user: conversations started, then messages spread over them; returns the events written. */
    private static long seed(String bootstrap, int users, int messages) {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 20,
                ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        String run = UUID.randomUUID().toString().substring(0, 8);
        long total = (long) users * CONVERSATIONS_PER_USER + messages;
        long written = 0;
        AtomicReference<Exception> failure = new AtomicReference<>();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(),
                new ByteArraySerializer())) {
            long[] seqs = new long[users];
            for (int u = 0; u < users; u++) {
                for (int c = 0; c < CONVERSATIONS_PER_USER; c++) {
                    send(producer, "recovery-" + run + "-" + u, ++seqs[u], new ConversationStarted("c" + c, null), failure);
                    written++;
                }
            }
            for (int m = 0; m < messages; m++) {
                int u = m % users;
                String conversation = "c" + (m / users) % CONVERSATIONS_PER_USER;
                send(producer, "recovery-" + run + "-" + u, ++seqs[u], new MessageAppended(conversation, "m" + m,
                        m % 2 == 0 ? Role.USER : Role.ASSISTANT, List.of(new TextPart(TEXT))), failure);
                written++;
                if (written % 20_000 == 0 || written == total) {
                    Progress.bar("seed", written, total);
                }
            }
            producer.flush();
        }
        System.out.println();
        if (failure.get() != null) {
            throw new IllegalStateException("seeding failed", failure.get());
        }
        return written;
    }

    private static void send(KafkaProducer<String, byte[]> producer, String user, long seq, Event event,
            AtomicReference<Exception> failure) {
        EventEnvelope envelope = new EventEnvelope(UUID.randomUUID(), user, seq, UUID.randomUUID(), Instant.now(),
                1, event);
        producer.send(new ProducerRecord<>(Topics.EVENTS, user, EventCodec.toBytes(envelope)), (metadata, error) -> {
            if (error != null) {
                failure.compareAndSet(null, error);
            }
        });
    }

    private static long endOffset(String bootstrap) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            return TopicEnds.total(admin, Topics.EVENTS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Until the projector's offsets, stored with its rows in Postgres, reach the end of chat.events. */
    private static void awaitProjected(LocalStack stack, long end) {
        try (Connection db = DriverManager.getConnection(stack.postgresJdbcUrl(), "postgres", "postgres");
                PreparedStatement query = db.prepareStatement(
                        "select coalesce(sum(next_offset), 0) from projector_offsets where topic = ?")) {
            query.setString(1, Topics.EVENTS);
            while (true) {
                long done;
                try (ResultSet row = query.executeQuery()) {
                    row.next();
                    done = row.getLong(1);
                }
                Progress.bar("projector (live)", done, end);
                if (done >= end) {
                    System.out.println();
                    return;
                }
                LocalStack.sleep(500);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static void awaitRestored(ChatStreams chatStreams) {
        KafkaStreams streams = chatStreams.streams();
        long deadline = System.nanoTime() + Duration.ofHours(1).toNanos();
        while (streams.state() != KafkaStreams.State.RUNNING) {
            if (streams.state() == KafkaStreams.State.ERROR || System.nanoTime() > deadline) {
                throw new IllegalStateException("the processor did not come back: " + streams.state());
            }
            RestoreProgress.Snapshot progress = chatStreams.restoreProgress().snapshot();
            Progress.bar("restore", progress.restored(), Math.max(progress.total(), 1));
            LocalStack.sleep(200);
        }
        RestoreProgress.Snapshot done = chatStreams.restoreProgress().snapshot();
        Progress.bar("restore", done.total(), Math.max(done.total(), 1));
        System.out.println();
    }

    static double seconds(long beginNanos) {
        return Figures.round((System.nanoTime() - beginNanos) / 1e9);
    }

    private static double perSecond(long count, double seconds) {
        return seconds <= 0 ? 0 : Math.round(count / seconds);
    }
}
