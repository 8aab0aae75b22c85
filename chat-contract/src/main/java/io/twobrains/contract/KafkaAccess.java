package io.twobrains.contract;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * What each twobrains service may do on a secured Kafka cluster, as ACLs for its own principal: the
 * least each needs, so that a bug or a stolen credential in one service cannot write what another owns.
 * Above all, only the processor writes {@code chat.events}, the source of truth: the APIs put commands
 * on {@code chat.commands} and the processor decides what becomes an event.
 *
 * <p>A node runs the processor and the APIs in one process; on a secured cluster it signs in as two
 * principals, the processor's Kafka Streams clients with {@code spring.kafka.streams.properties.*},
 * its other clients with {@code spring.kafka.producer/consumer/admin.properties.*} (see the README's
 * "Secured Kafka"). Print the ACLs as {@code kafka-acls.sh} commands with {@link #main}.
 */
public final class KafkaAccess {

    /** The roles that reach Kafka, each meant to have a principal of its own. */
    public enum Role {
        /** The processor's Kafka Streams clients (and {@code --rebuild}): decides, writes events and its changelogs. */
        PROCESSOR,
        /** A node's other clients: sends commands, deltas, control signals; reads events back for replies. */
        NODE,
        /** The usage projector: folds chat.events into PostgreSQL. */
        PROJECTOR,
        /** A reader of the log for analytics: chat.events only, under its own consumer groups. */
        ANALYTICS
    }

    private static final Map<Role, Set<String>> READS = Map.of(
            Role.PROCESSOR, Set.of(Topics.COMMANDS, Topics.EVENTS),
            Role.NODE, Set.of(Topics.EVENTS, Topics.DELTAS, Topics.CONTROL),
            Role.PROJECTOR, Set.of(Topics.EVENTS),
            Role.ANALYTICS, Set.of(Topics.EVENTS));

    private static final Map<Role, Set<String>> WRITES = Map.of(
            // chat.commands: the processor puts follow-ups of its own decisions there (a lapsed runner's reply).
            Role.PROCESSOR, Set.of(Topics.EVENTS, Topics.COMMANDS, Topics.DLQ),
            Role.NODE, Set.of(Topics.COMMANDS, Topics.DELTAS, Topics.CONTROL, Topics.DLQ),
            Role.PROJECTOR, Set.of(Topics.DLQ),
            Role.ANALYTICS, Set.of());

    private KafkaAccess() {
    }

    /** The topics {@code role} may write. */
    public static Set<String> writes(Role role) {
        return WRITES.get(role);
    }

    /** The topics {@code role} may read. */
    public static Set<String> reads(Role role) {
        return READS.get(role);
    }

    /**
     * The ACLs of {@code role} for {@code principal} (e.g. {@code User:processor}). {@code group} is the
     * role's consumer group: the processor's application id (also the prefix of its changelogs and
     * transactional ids), the projector's group id, or the prefix of analytics consumers' groups; the
     * node uses no group.
     */
    public static List<AclBinding> bindings(Role role, String principal, String group) {
        List<AclBinding> acls = new ArrayList<>();
        for (Topics.Spec topic : Topics.all()) {
            // Every service checks the chat topics at start-up (TopicChecks): their partitions and retention.
            allow(acls, principal, topic(topic.name()), AclOperation.DESCRIBE, AclOperation.DESCRIBE_CONFIGS);
        }
        READS.get(role).forEach(topic -> allow(acls, principal, topic(topic), AclOperation.READ));
        WRITES.get(role).forEach(topic -> allow(acls, principal, topic(topic), AclOperation.WRITE));
        switch (role) {
            case PROCESSOR -> {
                // Its changelogs and repartition topics, which Kafka Streams creates and --rebuild deletes.
                allow(acls, principal, prefixed(ResourceType.TOPIC, group + "-"), AclOperation.ALL);
                allow(acls, principal, new ResourcePattern(ResourceType.GROUP, group, PatternType.LITERAL), AclOperation.ALL);
                // exactly_once_v2: one transactional id per stream thread, named after the application id.
                allow(acls, principal, prefixed(ResourceType.TRANSACTIONAL_ID, group + "-"), AclOperation.WRITE,
                        AclOperation.DESCRIBE);
            }
            case PROJECTOR -> allow(acls, principal, new ResourcePattern(ResourceType.GROUP, group, PatternType.LITERAL),
                    AclOperation.READ, AclOperation.DESCRIBE);
            case ANALYTICS -> allow(acls, principal, prefixed(ResourceType.GROUP, group), AclOperation.READ,
                    AclOperation.DESCRIBE);
            case NODE -> {
                // Its readers assign partitions themselves and keep no offsets: no group.
            }
        }
        return acls;
    }

    /**
     * Prints the ACLs as {@code kafka-acls.sh} commands: {@code <role>=<principal>[:<group>] ...}, e.g.
     * {@code processor=User:processor:twobrains-processor node=User:node projector=User:projector:twobrains-projector}.
     */
    public static void main(String[] args) {
        if (args.length == 0) {
            System.err.println("usage: KafkaAccess <role>=<principal>[:<group>]... (roles: processor, node, projector,"
                    + " analytics; e.g. processor=User:processor:twobrains-processor node=User:node)");
            System.exit(2);
        }
        for (String arg : args) {
            String[] roleAndRest = arg.split("=", 2);
            String[] parts = roleAndRest[1].split(":");
            Role role = Role.valueOf(roleAndRest[0].toUpperCase().replace('-', '_'));
            String principal = parts[0] + ":" + parts[1];
            String group = parts.length > 2 ? parts[2] : "";
            bindings(role, principal, group).forEach(acl -> System.out.println(command(acl)));
        }
    }

    /** One ACL as a {@code kafka-acls.sh} command (with {@code $BOOTSTRAP} and {@code $ADMIN_CONFIG} to fill in). */
    static String command(AclBinding acl) {
        ResourcePattern resource = acl.pattern();
        String option = switch (resource.resourceType()) {
            case TOPIC -> "--topic";
            case GROUP -> "--group";
            case TRANSACTIONAL_ID -> "--transactional-id";
            default -> throw new IllegalArgumentException("no kafka-acls option for " + resource.resourceType());
        };
        return "kafka-acls.sh --bootstrap-server \"$BOOTSTRAP\" --command-config \"$ADMIN_CONFIG\" --add"
                + " --allow-principal " + acl.entry().principal()
                + " --operation " + operationName(acl.entry().operation())
                + " " + option + " " + resource.name()
                + (resource.patternType() == PatternType.PREFIXED ? " --resource-pattern-type prefixed" : "");
    }

    private static String operationName(AclOperation operation) {
        // kafka-acls.sh spells them in CamelCase: DescribeConfigs, Write, All.
        StringBuilder name = new StringBuilder();
        for (String word : operation.name().split("_")) {
            name.append(word.charAt(0)).append(word.substring(1).toLowerCase());
        }
        return name.toString();
    }

    private static ResourcePattern topic(String name) {
        return new ResourcePattern(ResourceType.TOPIC, name, PatternType.LITERAL);
    }

    private static ResourcePattern prefixed(ResourceType type, String prefix) {
        return new ResourcePattern(type, prefix, PatternType.PREFIXED);
    }

    private static void allow(List<AclBinding> acls, String principal, ResourcePattern resource, AclOperation... operations) {
        for (AclOperation operation : operations) {
            acls.add(new AclBinding(resource, new AccessControlEntry(principal, "*", operation, AclPermissionType.ALLOW)));
        }
    }
}
