package io.twobrains.processor.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.twobrains.contract.Limits;
import io.twobrains.contract.RecordHeaders;
import io.twobrains.contract.Topics;
import io.twobrains.contract.command.AppendMessage;
import io.twobrains.contract.command.Command;
import io.twobrains.contract.command.CommandEnvelope;
import io.twobrains.contract.command.CompleteGeneration;
import io.twobrains.contract.command.StartConversation;
import io.twobrains.contract.command.StartGeneration;
import io.twobrains.contract.generation.Ending;
import io.twobrains.contract.generation.TokenUsage;
import io.twobrains.contract.json.CommandCodec;
import io.twobrains.contract.message.Role;
import io.twobrains.contract.message.TextPart;
import io.twobrains.contract.reply.Reply;
import io.twobrains.processor.domain.QuotaPlans;
import io.twobrains.processor.store.ChatReader;
import io.twobrains.processor.store.Tables;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What is poison and what is not, on both topologies: unreadable records go to chat.dlq, and the rest goes on. */
class PoisonRecordsTest {

    private static final String ALICE = "alice";

    @TempDir
    Path stateDir;

    private TopologyTestDriver live;
    private TestInputTopic<String, byte[]> commands;
    private TestOutputTopic<String, byte[]> events;
    private final StagedReplies replies = new StagedReplies();
    private final java.util.Set<String> goneRunners = new java.util.HashSet<>();
    private TestOutputTopic<String, byte[]> deadLetters;

    @BeforeEach
    void start() {
        live = driver(ChatTopology.live(Duration.ofHours(24), QuotaPlans.standard(), replies, runner -> !goneRunners.contains(runner), Backlog.UNKNOWN), "live");
        commands = live.createInputTopic(Topics.COMMANDS, Serdes.String().serializer(), Serdes.ByteArray().serializer());
        events = live.createOutputTopic(Topics.EVENTS, Serdes.String().deserializer(), Serdes.ByteArray().deserializer());
        deadLetters = live.createOutputTopic(Topics.DLQ, Serdes.String().deserializer(), Serdes.ByteArray().deserializer());
    }

    @AfterEach
    void stop() {
        live.close();
    }

    @Test
    void theLargestReplyTheApiCanSaveIsHandledNotDeadLettered() {
        send(new StartConversation("c1", "t"));
        send(new StartGeneration("g1", "c1", "demo", "demo", null, "a1",
                new StartGeneration.Prompt("u1", List.of(new TextPart("question"))), false, null));
        char[] text = new char[Limits.MAX_REPLY_CHARS];
        Arrays.fill(text, '語');
        CompleteGeneration longest = new CompleteGeneration("g1", "stop", TokenUsage.NONE, 1, Ending.COMPLETED,
                List.of(new TextPart(new String(text))), null);
        assertThat(CommandCodec.toBytes(envelope(longest)).length).as("more than the old 512 KiB limit")
                .isGreaterThan(512 * 1024);

        Reply reply = send(longest);

        assertThat(reply.isAccepted()).isTrue();
        assertThat(deadLetters.isEmpty()).isTrue();
    }

    @Test
    void aRebuildDeadLettersUnreadableEventsAndFoldsTheRestOfTheLog() {
        send(new StartConversation("c1", "one"));
        send(new AppendMessage("c1", "m1", Role.USER, List.of(new TextPart("hello"))));
        send(new StartConversation("c2", "two"));
        List<TestRecord<String, byte[]>> log = events.readRecordsToList();
        byte[] unknownType = new String(log.get(0).value(), StandardCharsets.UTF_8)
                .replace("ConversationStarted", "RocketLaunched").getBytes(StandardCharsets.UTF_8);
        byte[] oversized = new byte[Topics.MAX_RECORD_BYTES + 1];
        Arrays.fill(oversized, (byte) ' ');

        TopologyTestDriver rebuild = driver(ChatTopology.rebuild(), "rebuild");
        TestInputTopic<String, byte[]> input = rebuild.createInputTopic(Topics.EVENTS,
                Serdes.String().serializer(), Serdes.ByteArray().serializer());
        TestOutputTopic<String, byte[]> rebuildDeadLetters = rebuild.createOutputTopic(Topics.DLQ,
                Serdes.String().deserializer(), Serdes.ByteArray().deserializer());
        input.pipeInput(log.get(0));
        input.pipeInput(ALICE, "{not json".getBytes(StandardCharsets.UTF_8));
        input.pipeInput(log.get(1));
        input.pipeInput(ALICE, unknownType);
        input.pipeInput(ALICE, oversized);
        input.pipeInput(log.get(2));

        List<TestRecord<String, byte[]>> dead = rebuildDeadLetters.readRecordsToList();
        assertThat(dead).hasSize(3).allSatisfy(r -> {
            assertThat(r.key()).isEqualTo(ALICE);
            assertThat(header(r, RecordHeaders.DLQ_REASON)).isEqualTo("unreadable event");
            assertThat(header(r, RecordHeaders.DLQ_TOPIC)).isEqualTo(Topics.EVENTS);
        });
        assertThat(dead).extracting(r -> header(r, RecordHeaders.DLQ_OFFSET)).containsExactly("1", "3", "4");
        assertThat(header(dead.get(0), RecordHeaders.DLQ_EXCEPTION)).contains("not valid JSON");
        assertThat(header(dead.get(1), RecordHeaders.DLQ_EXCEPTION)).contains("unknown event type");
        assertThat(header(dead.get(2), RecordHeaders.DLQ_EXCEPTION)).contains("over the limit");
        ChatReader rebuilt = new ChatReader(new Tables(rebuild.getKeyValueStore(Tables.STORE)));
        assertThat(rebuilt.conversation(ALICE, "c1")).isPresent();
        assertThat(rebuilt.conversation(ALICE, "c2")).as("the event after the poison is folded").isPresent();
        assertThat(rebuilt.user(ALICE).seq()).isEqualTo(3);
        rebuild.close();
    }

    private Reply send(Command command) {
        commands.pipeInput(ALICE, CommandCodec.toBytes(envelope(command)));
        return replies.takeOne();
    }

    private static CommandEnvelope envelope(Command command) {
        return new CommandEnvelope(UUID.randomUUID(), ALICE, Instant.now(), command, null);
    }

    private static String header(TestRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private TopologyTestDriver driver(Topology topology, String name) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "poison-" + name);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.resolve(name).toString());
        return new TopologyTestDriver(topology, props, Instant.parse("2026-03-01T12:00:00Z"));
    }
}
