package io.twobrains.processor.kafka;

import io.twobrains.contract.Limits;
import io.twobrains.contract.RecordHeaders;
import io.twobrains.contract.Topics;
import io.twobrains.contract.command.CommandEnvelope;
import io.twobrains.contract.event.EventEnvelope;
import io.twobrains.contract.json.CommandCodec;
import io.twobrains.contract.json.EventCodec;
import io.twobrains.contract.json.MalformedRecordException;
import io.twobrains.contract.reply.Reply;
import io.twobrains.processor.domain.DecisionContext;
import io.twobrains.processor.domain.Handle;
import io.twobrains.processor.domain.Idempotency;
import io.twobrains.processor.domain.QuotaPlans;
import io.twobrains.processor.store.ChatReader;
import io.twobrains.processor.store.ChatWriter;
import io.twobrains.processor.store.Tables;
import io.twobrains.processor.store.WritableTables;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import io.twobrains.processor.store.Keys;
import io.twobrains.processor.store.Table;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The per-user actor. One stream task owns a partition, so a user's commands arrive here in order
 * and are handled one at a time: load the user's slice, {@link Handle#handle decide and evolve},
 * store the new state, forward the events, and stage the reply with them. Under exactly-once the
 * events, the state and the input offset commit in one transaction; the reply (and the events, to the
 * users' live feeds) are handed on after that commit.
 */
final class CommandHandler implements Processor<String, byte[], String, byte[]> {

    private static final Logger log = LoggerFactory.getLogger(CommandHandler.class);
    /** Outcomes looked at per sweep: a sweep stays short, and goes on where the last one stopped. */
    private static final int OUTCOMES_PER_SWEEP = 10_000;

    /** How often the runners of running generations are checked. */
    private static final Duration LEASE_CHECK = Duration.ofSeconds(5);

    private final Duration commandRetention;
    private final QuotaPlans plans;
    private final Outbox outbox;
    private final Predicate<String> runnerAlive;
    private final Backlog backlog;
    /** Generations whose failure this task has sent itself, until they are gone from the running table. */
    private Set<String> lapsing = new HashSet<>();
    private ProcessorContext<String, byte[]> context;
    private ChatReader reader;
    private ChatWriter writer;
    private Tables tables;

    CommandHandler(Duration commandRetention, QuotaPlans plans, Outbox outbox, Predicate<String> runnerAlive,
            Backlog backlog) {
        this.commandRetention = commandRetention;
        this.plans = plans;
        this.outbox = outbox;
        this.runnerAlive = runnerAlive;
        this.backlog = backlog;
    }

    @Override
    public void init(ProcessorContext<String, byte[]> context) {
        this.context = context;
        WritableTables tables = new WritableTables(context.<KeyValueStore<Bytes, byte[]>>getStateStore(Tables.STORE));
        this.reader = new ChatReader(tables);
        this.writer = new ChatWriter(tables);
        Duration sweep = commandRetention.compareTo(Duration.ofMinutes(10)) < 0 ? commandRetention : Duration.ofMinutes(1);
        context.schedule(sweep, PunctuationType.WALL_CLOCK_TIME,
                now -> writer.forgetOutcomesBefore(Instant.ofEpochMilli(now).minus(commandRetention), OUTCOMES_PER_SWEEP));
        this.tables = tables;
        context.schedule(LEASE_CHECK, PunctuationType.WALL_CLOCK_TIME, this::failGenerationsOfGoneRunners);
    }

    /**
     * A running generation is its runner's to end while the runner lives; once the runner is gone (a
     * node killed), the processor sends itself the generation's failure, which is decided and recorded
     * like any other command (and does nothing if the runner's own end came first).
     */
    private void failGenerationsOfGoneRunners(long now) {
        Set<String> stillLapsing = new HashSet<>();
        try (KeyValueIterator<Bytes, byte[]> running = tables.all(Table.RUNNING)) {
            while (running.hasNext()) {
                KeyValue<Bytes, byte[]> entry = running.next();
                String runner = new String(entry.value, StandardCharsets.UTF_8);
                if (runnerAlive.test(runner)) {
                    continue;
                }
                String[] userAndGeneration = Keys.userAndGeneration(entry.key);
                String generation = userAndGeneration[1];
                stillLapsing.add(generation);
                if (!lapsing.contains(generation)) {
                    CommandEnvelope failure = RunnerLease.failure(userAndGeneration[0], generation, runner,
                            Instant.ofEpochMilli(now));
                    context.forward(new Record<>(failure.userId(), CommandCodec.toBytes(failure), now),
                            ChatTopology.COMMANDS_SINK);
                    log.warn("generation {} of a runner that is gone ({}) is ended as failed", generation, runner);
                }
            }
        }
        lapsing = stillLapsing;
    }

    /** Handles a command; when nothing else waits for this thread, its transaction commits now (see {@link Backlog}). */
    @Override
    public void process(Record<String, byte[]> record) {
        handle(record);
        if (context.recordMetadata().map(backlog::emptyAfter).orElse(false)) {
            context.commit();
        }
    }

    private void handle(Record<String, byte[]> record) {
        CommandEnvelope command;
        try {
            command = parse(record);
        } catch (MalformedRecordException e) {
            deadLetter(record, "malformed command", e);
            return;
        }
        String userId = command.userId();
        ChatReader.Loaded loaded = reader.load(userId, command.payload());
        // Only a command sent with an idempotency key can come again: any other has a random id.
        boolean keyed = command.fingerprint() != null;
        if (keyed) {
            Optional<Reply> repeated = Idempotency.repeat(command, reader.outcome(userId, command.commandId()),
                    loaded.slice().user().seq());
            if (repeated.isPresent()) {
                outbox.stage(repeated.get(), List.of());
                return;
            }
        }
        Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
        Handle.Handled handled;
        try {
            handled = Handle.handle(command, loaded.slice(), new DecisionContext(now, plans));
        } catch (RuntimeException e) {
            // A bug in a decision must not stop every other user of the partition.
            log.error("command {} of type {} could not be handled", command.commandId(), command.type(), e);
            deadLetter(record, "command could not be handled", e);
            return;
        }
        writer.save(userId, loaded, handled.state());
        if (keyed) {
            writer.remember(userId, command.commandId(), new Idempotency.Outcome(command.fingerprint(), handled.reply()), now);
        }
        forwardEvents(command, handled.events());
        outbox.stage(handled.reply(), handled.events());
    }

    private void forwardEvents(CommandEnvelope command, List<EventEnvelope> events) {
        for (int i = 0; i < events.size(); i++) {
            EventEnvelope event = events.get(i);
            Record<String, byte[]> out = new Record<>(event.userId(), EventCodec.toBytes(event),
                    event.occurredAt().toEpochMilli());
            if (command.fingerprint() != null) {
                out.headers().add(new RecordHeader(RecordHeaders.FINGERPRINT,
                        command.fingerprint().getBytes(StandardCharsets.UTF_8)));
            }
            if (i == events.size() - 1) {
                out.headers().add(new RecordHeader(RecordHeaders.COMMAND_END,
                        Integer.toString(events.size()).getBytes(StandardCharsets.UTF_8)));
            }
            context.forward(out, ChatTopology.EVENTS_SINK);
        }
    }

    private CommandEnvelope parse(Record<String, byte[]> record) {
        Topics.requireFits(record.value());
        CommandEnvelope command = CommandCodec.fromBytes(record.value());
        if (!Limits.isValidUserId(command.userId())) {
            throw new MalformedRecordException("command has no valid user id");
        }
        if (!Objects.equals(record.key(), command.userId())) {
            throw new MalformedRecordException("record key is not the command's user id");
        }
        return command;
    }

    private void deadLetter(Record<String, byte[]> record, String reason, Throwable error) {
        context.forward(DeadLetters.of(record, context.recordMetadata().orElse(null), reason, error,
                context.currentSystemTimeMs()), ChatTopology.DLQ_SINK);
    }
}
