package io.twobrains.processor.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.twobrains.contract.MessageIds;
import io.twobrains.contract.RecordHeaders;
import io.twobrains.contract.Topics;
import io.twobrains.contract.command.AddMcpServer;
import io.twobrains.contract.command.AppendMessage;
import io.twobrains.contract.command.ChangeSettings;
import io.twobrains.contract.command.CompleteGeneration;
import io.twobrains.contract.command.EraseUser;
import io.twobrains.contract.command.StartGeneration;
import io.twobrains.contract.generation.Ending;
import io.twobrains.contract.command.StoreApiKey;
import io.twobrains.contract.generation.TokenUsage;
import io.twobrains.contract.profile.McpTransport;
import io.twobrains.contract.profile.Provider;
import io.twobrains.contract.profile.ReasoningEffort;
import io.twobrains.contract.profile.SealedSecret;
import io.twobrains.contract.profile.SettingsPatch;
import io.twobrains.contract.command.Command;
import io.twobrains.contract.command.CommandEnvelope;
import io.twobrains.contract.command.DeleteConversation;
import io.twobrains.contract.command.RenameConversation;
import io.twobrains.contract.command.StartConversation;
import io.twobrains.contract.event.EventEnvelope;
import io.twobrains.contract.event.MessageAppended;
import io.twobrains.contract.event.RejectionCode;
import io.twobrains.contract.json.CommandCodec;
import io.twobrains.contract.json.EventCodec;
import io.twobrains.contract.message.Role;
import io.twobrains.contract.message.TextPart;
import io.twobrains.contract.reply.Reply;
import io.twobrains.contract.view.ConversationView;
import io.twobrains.contract.view.MessageView;
import io.twobrains.contract.view.Page;
import io.twobrains.processor.domain.QuotaPlans;
import io.twobrains.processor.store.ChatReader;
import io.twobrains.processor.store.Table;
import io.twobrains.processor.store.Tables;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChatTopologyTest {

    private static final String ALICE = "alice";
    private static final String BOB = "bob";

    // TopologyTestDriver commits (and so flushes RocksDB) after every record: histories stay short here,
    // the long ones are paged in the full-stack tests.
    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> commands;
    private TestOutputTopic<String, byte[]> events;
    private final StagedReplies replies = new StagedReplies();
    private final java.util.Set<String> goneRunners = new java.util.HashSet<>();
    private TestOutputTopic<String, byte[]> deadLetters;
    private TestOutputTopic<Bytes, byte[]> changelog;

    @BeforeEach
    void start() {
        driver = driver(ChatTopology.live(Duration.ofHours(24), QuotaPlans.standard(), replies, runner -> !goneRunners.contains(runner), Backlog.UNKNOWN), "live");
        commands = driver.createInputTopic(Topics.COMMANDS, Serdes.String().serializer(), Serdes.ByteArray().serializer());
        events = driver.createOutputTopic(Topics.EVENTS, Serdes.String().deserializer(), Serdes.ByteArray().deserializer());
        deadLetters = driver.createOutputTopic(Topics.DLQ, Serdes.String().deserializer(), Serdes.ByteArray().deserializer());
        changelog = driver.createOutputTopic("test-live-" + Tables.STORE + "-changelog", Serdes.Bytes().deserializer(),
                Serdes.ByteArray().deserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void aCommandBecomesEventsAReplyAndState() {
        Reply reply = send(ALICE, new StartConversation("c1", "First"));

        assertThat(reply.isAccepted()).isTrue();
        assertThat(reply.seq()).isEqualTo(1);
        List<EventEnvelope> written = readEvents();
        assertThat(written).singleElement().satisfies(e -> {
            assertThat(e.seq()).isEqualTo(1);
            assertThat(e.userId()).isEqualTo(ALICE);
            assertThat(e.type()).isEqualTo("ConversationStarted");
        });
        assertThat(reader().conversation(ALICE, "c1")).isPresent();
    }

    @Test
    void usersDoNotSeeEachOthersConversations() {
        send(ALICE, new StartConversation("c1", "alice's"));

        Reply bobAppends = send(BOB, new AppendMessage("c1", "m1", Role.USER, List.of(new TextPart("hi"))));

        assertThat(bobAppends.code()).isEqualTo(RejectionCode.NOT_FOUND);
        assertThat(reader().conversation(BOB, "c1")).isEmpty();
        assertThat(reader().conversations(BOB, 50, null).items()).isEmpty();
        assertThat(reader().conversations(ALICE, 50, null).items()).extracting(ConversationView::id).containsExactly("c1");
    }

    @Test
    void aRetriedCommandIsAnsweredAgainWithoutNewEvents() {
        CommandEnvelope command = envelope(ALICE, new StartConversation("c1", "t"), "fp-1");
        Reply first = send(command);
        readEvents();

        Reply second = send(command);

        assertThat(second).isEqualTo(first);
        assertThat(events.isEmpty()).isTrue();
    }

    @Test
    void aRetryWithTheSameIdButAnotherRequestIsRefused() {
        UUID id = UUID.randomUUID();
        send(new CommandEnvelope(id, ALICE, Instant.now(), new StartConversation("c1", "t"), "fp-1"));
        readEvents();

        Reply changed = send(new CommandEnvelope(id, ALICE, Instant.now(), new StartConversation("c1", "other"), "fp-2"));

        assertThat(changed.code()).isEqualTo(RejectionCode.IDEMPOTENCY_MISMATCH);
        assertThat(events.isEmpty()).isTrue();
    }

    @Test
    void rememberedCommandsAreForgottenAfterTheirRetention() {
        TopologyTestDriver shortMemory = driver(ChatTopology.live(Duration.ofMinutes(5), QuotaPlans.standard(), new StagedReplies(), runner -> true, Backlog.UNKNOWN), "short");
        TestInputTopic<String, byte[]> input = shortMemory.createInputTopic(Topics.COMMANDS,
                Serdes.String().serializer(), Serdes.ByteArray().serializer());
        CommandEnvelope command = envelope(ALICE, new StartConversation("c1", "t"), "fp-kept");
        input.pipeInput(ALICE, CommandCodec.toBytes(command));
        ChatReader reader = readerOf(shortMemory);
        assertThat(reader.outcome(ALICE, command.commandId())).isPresent();

        shortMemory.advanceWallClockTime(Duration.ofMinutes(11));

        assertThat(reader.outcome(ALICE, command.commandId())).isEmpty();
        shortMemory.close();
    }

    @Test
    void poisonRecordsGoToTheDeadLetterTopicAndProcessingGoesOn() {
        CommandEnvelope valid = envelope(ALICE, new StartConversation("c1", null), null);
        byte[] unknownType = new String(CommandCodec.toBytes(valid), StandardCharsets.UTF_8)
                .replace("StartConversation", "LaunchRocket").getBytes(StandardCharsets.UTF_8);
        byte[] oversized = new byte[600 * 1024];
        Arrays.fill(oversized, (byte) 'x');

        commands.pipeInput(ALICE, "{not json".getBytes(StandardCharsets.UTF_8));
        commands.pipeInput(ALICE, unknownType);
        commands.pipeInput(BOB, CommandCodec.toBytes(valid));
        commands.pipeInput(ALICE, oversized);
        commands.pipeInput(ALICE, null);
        Reply afterPoison = send(valid);

        List<TestRecord<String, byte[]>> dead = deadLetters.readRecordsToList();
        assertThat(dead).hasSize(5);
        assertThat(dead).allSatisfy(r -> {
            assertThat(r.headers().lastHeader(RecordHeaders.DLQ_REASON)).isNotNull();
            assertThat(r.headers().lastHeader(RecordHeaders.DLQ_TOPIC).value()).asString().isEqualTo(Topics.COMMANDS);
        });
        assertThat(dead.get(3).value().length).isLessThanOrEqualTo(DeadLetters.MAX_VALUE_BYTES);
        assertThat(afterPoison.isAccepted()).isTrue();
        assertThat(reader().conversation(BOB, "c1")).isEmpty();
    }

    @Test
    void aHistoryPagesNewestFirstWithEveryMessageExactlyOnce() {
        send(ALICE, new StartConversation("c1", null));
        for (int i = 1; i <= 37; i++) {
            send(ALICE, new AppendMessage("c1", "m" + i, Role.USER, List.of(new TextPart("text " + i))));
        }

        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Page<MessageView> page = reader().messages(ALICE, "c1", 8, cursor).orElseThrow();
            List<String> ids = page.items().stream().map(MessageView::id).toList();
            seen.addAll(0, ids);
            cursor = page.nextCursor();
            pages++;
        } while (cursor != null);

        assertThat(pages).isEqualTo(5);
        List<String> expected = new ArrayList<>();
        for (int i = 1; i <= 37; i++) {
            expected.add("m" + i);
        }
        assertThat(seen).containsExactlyElementsOf(expected);
        assertThat(reader().messages(ALICE, "c1", 8, null).orElseThrow().items()).first()
                .extracting(MessageView::id).isEqualTo("m30");
    }

    @Test
    void conversationsListMostRecentlyUpdatedFirstAcrossPages() {
        for (int i = 1; i <= 7; i++) {
            send(ALICE, new StartConversation("c" + i, null));
            driver.advanceWallClockTime(Duration.ofMillis(5));
        }
        send(ALICE, new AppendMessage("c3", "m1", Role.USER, List.of(new TextPart("bump"))));
        send(ALICE, new DeleteConversation("c5"));

        List<String> order = new ArrayList<>();
        String cursor = null;
        do {
            Page<ConversationView> page = reader().conversations(ALICE, 2, cursor);
            page.items().forEach(c -> order.add(c.id()));
            cursor = page.nextCursor();
        } while (cursor != null);

        assertThat(order).containsExactly("c3", "c7", "c6", "c4", "c2", "c1");
    }

    @Test
    void rebuildingFromTheEventsGivesTheSameStoresAsLiveProcessing() {
        send(ALICE, new StartConversation("c1", "one"));
        send(ALICE, new StartConversation("c2", null));
        send(BOB, new StartConversation("c1", "bob's"));
        for (int i = 0; i < 30; i++) {
            send(ALICE, new AppendMessage(i % 2 == 0 ? "c1" : "c2", "m" + i, Role.USER, List.of(new TextPart("t" + i))));
        }
        send(ALICE, new RenameConversation("c2", "two"));
        send(ALICE, new DeleteConversation("c1"));
        send(BOB, new DeleteConversation("missing"));
        send(envelope(ALICE, new StartConversation("c3", null), "fp-keep"));
        SealedSecret sealed = new SealedSecret("k1", "c2VhbGVk");
        send(ALICE, new ChangeSettings(new SettingsPatch("gpt-4o-mini", ReasoningEffort.HIGH, null, null, null, null)));
        send(ALICE, new StoreApiKey(Provider.ANTHROPIC, sealed, "wxyz", null));
        send(ALICE, new AddMcpServer("docs", "Docs", "https://mcp.example.com", McpTransport.HTTP, sealed,
                List.of("X-Api-Key"), true));
        send(ALICE, StartGeneration.bare("g1", "c2", "claude-sonnet-4-5", "anthropic", null));
        send(ALICE, StartGeneration.bare("g2", "c3", "demo", "demo", null));
        send(ALICE, CompleteGeneration.completed("g1", "stop", new TokenUsage(10, 20, 0), 300));
        send(ALICE, new StartGeneration("g5", "c2", "demo", "demo", null, "a5",
                new StartGeneration.Prompt("u5", List.of(new TextPart("question"))), false, null));
        send(ALICE, new CompleteGeneration("g5", "stop", TokenUsage.NONE, 1, Ending.COMPLETED,
                List.of(new TextPart("first answer")), null));
        send(ALICE, new StartGeneration("g6", "c2", "demo", "demo", null, "a6", null, false, "a5"));
        send(ALICE, new CompleteGeneration("g6", "stop", TokenUsage.NONE, 1, Ending.COMPLETED,
                List.of(new TextPart("second answer")), null));
        send(BOB, StartGeneration.bare("g1", "c1", "demo", "demo", null));
        send(BOB, new EraseUser());
        send(BOB, new StartConversation("after-erasure", null));
        List<TestRecord<String, byte[]>> log = events.readRecordsToList();

        TopologyTestDriver rebuild = driver(ChatTopology.rebuild(), "rebuild");
        TestInputTopic<String, byte[]> eventInput = rebuild.createInputTopic(Topics.EVENTS,
                Serdes.String().serializer(), Serdes.ByteArray().serializer());
        log.forEach(eventInput::pipeInput);

        for (Table store : Table.values()) {
            Map<String, String> live = contents(driver, store);
            Map<String, String> rebuilt = contents(rebuild, store);
            Map<String, String> onlyLive = new java.util.TreeMap<>(live);
            rebuilt.forEach(onlyLive::remove);
            Map<String, String> onlyRebuilt = new java.util.TreeMap<>(rebuilt);
            live.forEach(onlyRebuilt::remove);
            assertThat(onlyRebuilt).as(store + ": only after the rebuild (live had " + onlyLive + ")").isEmpty();
            assertThat(onlyLive).as(store + ": only live").isEmpty();
        }
        assertThat(contents(driver, Table.PROFILES)).as("the profile is folded too").hasSize(1);
        assertThat(contents(driver, Table.OUTCOMES)).as("the keyed command is remembered").hasSize(1);
        assertThat(reader().runningGenerations(ALICE)).as("g2 is still running").extracting(g -> g.id())
                .containsExactly("g2");
        assertThat(String.join(",", contents(driver, Table.MESSAGES).values()))
                .as("a regenerated reply replaces the old one in the pages").contains("second answer")
                .doesNotContain("first answer");
        assertThat(reader().conversations(BOB, 50, null).items()).extracting(ConversationView::id)
                .as("bob's erased conversation is gone").containsExactly("after-erasure");
        rebuild.close();
    }

    @Test
    void erasureLeavesNothingOfTheUserInAnyStore() {
        send(BOB, new StartConversation("c1", "bob's"));
        send(BOB, new AppendMessage("c1", "m1", Role.USER, List.of(new TextPart("private"))));
        send(BOB, new StoreApiKey(Provider.OPENAI, new SealedSecret("k1", "c2VhbGVk"), "abcd", null));
        send(BOB, StartGeneration.bare("g1", "c1", "gpt-4o-mini", "openai", null));
        send(ALICE, new StartConversation("c1", "alice's"));

        Reply erased = send(BOB, new EraseUser());

        assertThat(erased.isAccepted()).isTrue();
        String bobPrefix = "626f6200";
        for (Table store : Table.values()) {
            if (store != Table.HEADS) {
                assertThat(contents(driver, store).keySet()).as(store.name())
                        .noneMatch(key -> key.startsWith(bobPrefix) || key.equals("626f62"));
            }
        }
        assertThat(contents(driver, Table.OUTCOMES)).as("commands without a key leave no outcome").isEmpty();
        assertThat(reader().conversations(BOB, 50, null).items()).isEmpty();
        assertThat(reader().runningGenerations(BOB)).isEmpty();
        assertThat(reader().user(BOB).seq()).as("the head keeps only the seq").isEqualTo(5);
        assertThat(reader().user(BOB).messages()).isZero();
        assertThat(reader().conversation(ALICE, "c1")).isPresent();
    }

    @Test
    void anAppendToARecentConversationWritesTheHeadAndTheMessageOnly() {
        send(ALICE, new StartConversation("c1", null));
        changelog.readRecordsToList();

        send(ALICE, new AppendMessage("c1", MessageIds.minted("m1"), Role.USER, List.of(new TextPart("hello"))));
        List<TestRecord<Bytes, byte[]>> minted = changelog.readRecordsToList();
        send(ALICE, new AppendMessage("c1", "client-chosen", Role.USER, List.of(new TextPart("hello"))));
        List<TestRecord<Bytes, byte[]>> chosen = changelog.readRecordsToList();

        assertThat(minted).extracting(record -> tableOf(record.key())).containsExactlyInAnyOrder(Table.HEADS, Table.MESSAGES);
        assertThat(chosen).extracting(record -> tableOf(record.key()))
                .as("an id the client chose is indexed, so that it cannot be used twice")
                .containsExactlyInAnyOrder(Table.HEADS, Table.MESSAGES, Table.MESSAGE_IDS);
        assertThat(send(ALICE, new AppendMessage("c1", "client-chosen", Role.USER, List.of(new TextPart("again"))))
                .code()).isEqualTo(RejectionCode.ALREADY_EXISTS);
    }

    @Test
    void manyConversationsListInTheirOrderWhetherRecentOrNot() {
        java.util.Random random = new java.util.Random(7);
        Map<String, Long> touched = new LinkedHashMap<>();
        long tick = 0;
        for (int i = 0; i < 40; i++) {
            send(ALICE, new StartConversation("c" + i, null));
            touched.put("c" + i, tick++);
            driver.advanceWallClockTime(Duration.ofMillis(3));
        }
        for (int round = 0; round < 60; round++) {
            String id = "c" + random.nextInt(40);
            if (!touched.containsKey(id)) {
                continue;
            }
            if (round % 13 == 0) {
                send(ALICE, new DeleteConversation(id));
                touched.remove(id);
            } else if (round % 5 == 0) {
                send(ALICE, new RenameConversation(id, "renamed " + round));
                touched.put(id, tick++);
            } else {
                send(ALICE, new AppendMessage(id, "m" + round, Role.USER, List.of(new TextPart("bump " + round))));
                touched.put(id, tick++);
            }
            driver.advanceWallClockTime(Duration.ofMillis(3));
        }
        List<String> expected = touched.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).map(Map.Entry::getKey).toList();

        List<String> listed = new ArrayList<>();
        String cursor = null;
        do {
            Page<ConversationView> page = reader().conversations(ALICE, 7, cursor);
            page.items().forEach(c -> listed.add(c.id()));
            cursor = page.nextCursor();
        } while (cursor != null);

        assertThat(listed).containsExactlyElementsOf(expected);
        assertThat(contents(driver, Table.CONVERSATIONS)).as("the ones not touched lately are cold").isNotEmpty();
        assertThat(reader().user(ALICE).conversations()).isEqualTo(expected.size());
    }

    @Test
    void onlyTheLastReplyCanBeRegenerated() {
        send(ALICE, new StartConversation("c1", null));
        for (String turn : List.of("1", "2")) {
            send(ALICE, new StartGeneration("g" + turn, "c1", "demo", "demo", null, "a" + turn,
                    new StartGeneration.Prompt("u" + turn, List.of(new TextPart("question " + turn))), false, null));
            send(ALICE, new CompleteGeneration("g" + turn, "stop", TokenUsage.NONE, 1, Ending.COMPLETED,
                    List.of(new TextPart("answer " + turn)), null));
        }

        Reply older = send(ALICE, new StartGeneration("g3", "c1", "demo", "demo", null, "a3", null, false, "a1"));
        Reply last = send(ALICE, new StartGeneration("g4", "c1", "demo", "demo", null, "a4", null, false, "a2"));
        send(ALICE, new CompleteGeneration("g4", "stop", TokenUsage.NONE, 1, Ending.COMPLETED,
                List.of(new TextPart("answer 2 again")), null));

        assertThat(older.code()).isEqualTo(RejectionCode.CONFLICT);
        assertThat(last.isAccepted()).isTrue();
        assertThat(reader().messages(ALICE, "c1", 50, null).orElseThrow().items()).extracting(MessageView::id)
                .containsExactly("u1", "a1", "u2", "a4");
    }

    @Test
    void aGenerationWhoseRunnerIsGoneIsEndedAsFailedAndItsFreeMessageGivenBack() {
        TestOutputTopic<String, byte[]> ownCommands = driver.createOutputTopic(Topics.COMMANDS,
                Serdes.String().deserializer(), Serdes.ByteArray().deserializer());
        send(ALICE, new StartConversation("c1", null));
        send(ALICE, new StartGeneration("g1", "c1", "demo", "demo", null, "tb-a1", null, false, null, "node-a/1"));
        send(ALICE, new StartGeneration("g2", "c2", "demo", "demo", null, "tb-a2",
                new StartGeneration.Prompt("u2", List.of(new TextPart("hi"))), true, null, "node-b/2"));
        readEvents();

        driver.advanceWallClockTime(Duration.ofSeconds(6));
        assertThat(ownCommands.isEmpty()).as("both runners live").isTrue();
        goneRunners.add("node-a/1");
        driver.advanceWallClockTime(Duration.ofSeconds(6));
        List<TestRecord<String, byte[]>> failures = ownCommands.readRecordsToList();
        driver.advanceWallClockTime(Duration.ofSeconds(6));

        assertThat(failures).as("one failure, sent once").singleElement()
                .satisfies(record -> assertThat(record.key()).isEqualTo(ALICE));
        assertThat(ownCommands.isEmpty()).as("not sent again once it is processed").isTrue();
        // the driver feeds chat.commands back to the topology, as the broker does
        assertThat(replies.takeOne().isAccepted()).isTrue();
        assertThat(readEvents()).extracting(e -> e.payload().type()).containsExactly("GenerationFailed");
        assertThat(reader().runningGenerations(ALICE)).extracting(g -> g.id()).containsExactly("g2");
        assertThat(reader().user(ALICE).dailyCount()).as("g1's free message is given back").isEqualTo(1);
        assertThat(contents(driver, Table.RUNNING)).hasSize(1);
    }

    @Test
    void eventsCarryGaplessSeqsPerUser() {
        send(ALICE, new StartConversation("c1", null));
        send(BOB, new StartConversation("c1", null));
        send(ALICE, new StartConversation("c1", null));
        send(ALICE, new AppendMessage("c1", "m1", Role.USER, List.of(new TextPart("x"))));

        List<EventEnvelope> written = readEvents();
        assertThat(written.stream().filter(e -> e.userId().equals(ALICE)).map(EventEnvelope::seq))
                .containsExactly(1L, 2L, 3L);
        assertThat(written.stream().filter(e -> e.userId().equals(BOB)).map(EventEnvelope::seq)).containsExactly(1L);
        assertThat(written.get(3).payload()).isInstanceOf(MessageAppended.class);
    }

    private TopologyTestDriver driver(Topology topology, String name) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "test-" + name);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.resolve(name).toString());
        return new TopologyTestDriver(topology, props, Instant.parse("2026-03-01T12:00:00Z"));
    }

    private Reply send(String user, Command command) {
        return send(envelope(user, command, null));
    }

    private Reply send(CommandEnvelope command) {
        commands.pipeInput(command.userId(), CommandCodec.toBytes(command));
        return replies.takeOne();
    }

    private static CommandEnvelope envelope(String user, Command command, String fingerprint) {
        return new CommandEnvelope(UUID.randomUUID(), user, Instant.now(), command, fingerprint);
    }

    private List<EventEnvelope> readEvents() {
        return events.readValuesToList().stream().map(EventCodec::fromBytes).toList();
    }

    private ChatReader reader() {
        return readerOf(driver);
    }

    private static ChatReader readerOf(TopologyTestDriver driver) {
        return new ChatReader(new Tables(driver.<Bytes, byte[]>getKeyValueStore(Tables.STORE)));
    }

    private static Table tableOf(Bytes storeKey) {
        for (Table table : Table.values()) {
            if (Tables.tagged(table, Bytes.wrap(new byte[0])).get()[0] == storeKey.get()[0]) {
                return table;
            }
        }
        throw new AssertionError("no table has the tag of " + storeKey);
    }

    private static Map<String, String> contents(TopologyTestDriver driver, Table table) {
        KeyValueStore<Bytes, byte[]> store = driver.getKeyValueStore(Tables.STORE);
        Map<String, String> contents = new LinkedHashMap<>();
        try (KeyValueIterator<Bytes, byte[]> it = new Tables(store).all(table)) {
            while (it.hasNext()) {
                KeyValue<Bytes, byte[]> entry = it.next();
                contents.put(HexFormat.of().formatHex(entry.key.get()), new String(entry.value, StandardCharsets.UTF_8));
            }
        }
        return contents;
    }
}
