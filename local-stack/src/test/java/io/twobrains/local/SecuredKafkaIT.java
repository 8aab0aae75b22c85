package io.twobrains.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twobrains.contract.KafkaAccess;
import io.twobrains.contract.KafkaAccess.Role;
import io.twobrains.contract.Topics;
import io.twobrains.local.LocalStackSettings.Part;
import io.twobrains.local.kafka.LocalKafkaBroker;
import io.twobrains.local.kafka.SaslUsers;
import io.twobrains.projector.UsageProjectorApplication;
import io.twobrains.testkit.ApiClient;
import io.twobrains.testkit.SseStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * On a secured cluster (every client signs in, an authorizer checks every request, and each service
 * has only the ACLs of {@link KafkaAccess} for its own principal) twobrains works as on an open one, and
 * no service can write what it does not own: above all, only the processor writes {@code chat.events}.
 * The node signs in as two principals (its processor's, and its other clients'), the projector runs in
 * its own process as a third.
 */
class SecuredKafkaIT {

    private static final String PROCESSOR_GROUP = "twobrains-processor";
    private static final String PROJECTOR_GROUP = "twobrains-projector";
    private static final String ANALYTICS_GROUP = "analytics-";
    private static final SaslUsers USERS = SaslUsers.random("admin",
            List.of("processor", "node", "projector", "analytics", "stranger"));

    private static LocalKafkaBroker broker;
    private static LocalStack stack;
    private static ChildJvm projector;

    @BeforeAll
    static void start() throws Exception {
        LocalStackSettings open = LocalStackSettings.freePorts(Stacks.tempDir("twobrains-secured-kafka"));
        broker = new LocalKafkaBroker(open.dataDir().resolve("kafka"), open.kafkaPort(), open.kafkaControllerPort(), USERS)
                .start();
        try (Admin admin = Admin.create(broker.superUserSettings())) {
            // On a secured cluster the operator makes the topics; the services only check them.
            Topics.ensure(admin, open.partitions(), (short) 1);
            List<AclBinding> acls = new ArrayList<>();
            acls.addAll(KafkaAccess.bindings(Role.PROCESSOR, "User:processor", PROCESSOR_GROUP));
            acls.addAll(KafkaAccess.bindings(Role.NODE, "User:node", null));
            acls.addAll(KafkaAccess.bindings(Role.PROJECTOR, "User:projector", PROJECTOR_GROUP));
            acls.addAll(KafkaAccess.bindings(Role.ANALYTICS, "User:analytics", ANALYTICS_GROUP));
            admin.createAcls(acls).all().get(30, TimeUnit.SECONDS);
        }
        Map<String, Object> node = new HashMap<>(springKafka("spring.kafka.properties.", "node",
                Set.of("security.protocol", "sasl.mechanism")));
        for (String client : List.of("producer", "consumer", "admin")) {
            node.putAll(springKafka("spring.kafka." + client + ".properties.", "node", Set.of("sasl.jaas.config")));
        }
        node.putAll(springKafka("spring.kafka.streams.properties.", "processor", Set.of("sasl.jaas.config")));
        LocalStackSettings settings = open.withExternal(Part.KAFKA, Part.PROJECTOR).with(node);
        stack = LocalStack.start(settings, false);
        projector = ChildJvm.start("secured-projector-" + settings.projectorPort(), UsageProjectorApplication.class,
                projectorArguments(stack.childArguments(Part.PROJECTOR)));
    }

    @AfterAll
    static void stop() {
        if (projector != null) {
            projector.close();
        }
        if (stack != null) {
            stack.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void aChatTurnIsSavedRepliedToAndProjectedWithEachServiceOnItsOwnAcls() throws Exception {
        String user = "secured-" + UUID.randomUUID();
        ApiClient api = Stacks.client(stack, user);

        try (SseStream stream = api.stream("POST", "/api/chat", FollowerLimitIT.chat("c1", "hello over SASL"))) {
            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.rest()).anyMatch(chunk -> chunk.contains("\"finish\""));
        }

        ApiClient.Response messages = api.get("/api/conversations/c1/messages");
        assertThat(messages.status()).isEqualTo(200);
        assertThat(messages.json().get("items")).hasSize(2);
        assertThat(messages.text()).contains("hello over SASL");
        JdbcTemplate sql = new JdbcTemplate(new DriverManagerDataSource(stack.postgresJdbcUrl(), "postgres", "postgres"));
        try (Admin admin = Admin.create(broker.superUserSettings())) {
            for (String topic : List.of(Topics.DELTAS, Topics.CONTROL)) {
                assertThat(records(admin, topic)).as("the node wrote %s", topic).isPositive();
            }
        }
        Awaitility.await("the projector, signed in as itself, folds the turn").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> tableExists(sql, "generations")
                        && sql.queryForObject("select count(*) from generations where user_id = ?", Long.class, user) == 1);
    }

    @Test
    void onlyTheProcessorMayWriteTheEvents() {
        for (String principal : List.of("node", "projector", "analytics", "stranger")) {
            assertThat(refusal(() -> send(principal, Topics.EVENTS))).as("%s writes chat.events", principal)
                    .isInstanceOf(AuthorizationException.class);
        }
    }

    @Test
    void noRoleWritesATopicItDoesNotOwn() {
        // What each may write is proven by the chat turn (commands, events, deltas) and the heartbeats (control).
        for (Role role : List.of(Role.NODE, Role.PROJECTOR, Role.ANALYTICS)) {
            String principal = role.name().toLowerCase();
            for (Topics.Spec topic : Topics.all()) {
                if (!KafkaAccess.writes(role).contains(topic.name())) {
                    assertThat(refusal(() -> send(principal, topic.name()))).as("%s writes %s", principal, topic.name())
                            .isInstanceOf(AuthorizationException.class);
                }
            }
        }
    }

    @Test
    void theNodeCannotReadTheProcessorsChangelogs() throws Exception {
        String changelog;
        try (Admin admin = Admin.create(broker.superUserSettings())) {
            changelog = admin.listTopics().names().get().stream()
                    .filter(name -> name.startsWith(PROCESSOR_GROUP + "-") && name.endsWith("-changelog"))
                    .findFirst().orElseThrow();
        }
        try (KafkaConsumer<String, String> consumer = consumer("node", null)) {
            consumer.assign(List.of(new TopicPartition(changelog, 0)));
            consumer.seekToBeginning(consumer.assignment());
            assertThat(refusal(() -> consumer.poll(Duration.ofSeconds(10)))).isInstanceOf(AuthorizationException.class);
        }
    }

    @Test
    void anAnalyticsReaderFollowsTheLogUnderItsOwnGroup() {
        String user = "secured-reader-" + UUID.randomUUID();
        ApiClient api = Stacks.client(stack, user);
        assertThat(api.post("/api/conversations", Map.of("id", "read-me")).status()).isEqualTo(201);

        try (KafkaConsumer<String, String> consumer = consumer("analytics", ANALYTICS_GROUP + "usage-" + UUID.randomUUID())) {
            consumer.subscribe(List.of(Topics.EVENTS));
            List<String> keys = new ArrayList<>();
            Awaitility.await("the analytics reader sees the user's event").atMost(Duration.ofSeconds(30))
                    .until(() -> {
                        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                            keys.add(record.key());
                        }
                        return keys.contains(user);
                    });
        }
    }

    @Test
    void aClientThatDoesNotSignInOrSignsInWronglyGetsNothing() {
        Map<String, Object> anonymous = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000);
        try (Admin admin = Admin.create(anonymous)) {
            assertThatThrownBy(() -> admin.listTopics().names().get()).isInstanceOf(ExecutionException.class);
        }
        Map<String, Object> wrongPassword = new HashMap<>(broker.clientSettings("node"));
        wrongPassword.put("sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required"
                + " username=\"node\" password=\"not-the-password\";");
        wrongPassword.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        wrongPassword.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        try (Admin admin = Admin.create(wrongPassword)) {
            assertThatThrownBy(() -> admin.listTopics().names().get())
                    .hasRootCauseInstanceOf(SaslAuthenticationException.class);
        }
    }

    /** What {@code action} failed with, or the cause inside the wrapper it came in; null if it did not fail. */
    private static Throwable refusal(ThrowingRunnable action) {
        try {
            action.run();
            return null;
        } catch (Exception e) {
            Throwable cause = e;
            while (!(cause instanceof AuthorizationException) && cause.getCause() != null) {
                cause = cause.getCause();
            }
            return cause;
        }
    }

    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    /** Sends an empty record as {@code principal}; throws what the send failed with. */
    private static void send(String principal, String topic) throws Exception {
        Map<String, Object> config = new HashMap<>(broker.clientSettings(principal));
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config)) {
            // A key no user has: what a reader of these topics makes of the record is not the test's subject.
            producer.send(new ProducerRecord<>(topic, "acl-probe", new byte[0])).get(20, TimeUnit.SECONDS);
        }
    }

    private static KafkaConsumer<String, String> consumer(String principal, String group) {
        Map<String, Object> config = new HashMap<>(broker.clientSettings(principal));
        if (group != null) {
            config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        }
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        return new KafkaConsumer<>(config);
    }

    /** The client settings of {@code user} that are in {@code keys}, as Spring properties under {@code prefix}. */
    private static Map<String, Object> springKafka(String prefix, String user, Set<String> keys) {
        Map<String, Object> properties = new HashMap<>();
        USERS.clientSettings(user).forEach((key, value) -> {
            if (keys.contains(key)) {
                properties.put(prefix + "[" + key + "]", value);
            }
        });
        return properties;
    }

    /** The projector's arguments as the stack gives them, signed in as the projector instead of the node. */
    private static String[] projectorArguments(String[] stackArguments) {
        Stream<String> withoutNode = Stream.of(stackArguments).filter(argument -> !argument.contains("[sasl.jaas.config]"));
        Stream<String> own = springKafka("spring.kafka.properties.", "projector", Set.of("sasl.jaas.config")).entrySet()
                .stream().map(entry -> "--" + entry.getKey() + "=" + entry.getValue());
        return Stream.concat(withoutNode, own).toArray(String[]::new);
    }

    private static long records(Admin admin, String topic) throws Exception {
        List<TopicPartition> partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()
                .stream().map(p -> new TopicPartition(topic, p.partition())).toList();
        Map<TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> latest = new HashMap<>();
        partitions.forEach(partition -> latest.put(partition, org.apache.kafka.clients.admin.OffsetSpec.latest()));
        return admin.listOffsets(latest).all().get().values().stream().mapToLong(info -> info.offset()).sum();
    }

    private static boolean tableExists(JdbcTemplate sql, String table) {
        return Boolean.TRUE.equals(sql.queryForObject("select to_regclass(?) is not null", Boolean.class, table));
    }
}
