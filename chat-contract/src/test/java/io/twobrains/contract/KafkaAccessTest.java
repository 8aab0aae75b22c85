package io.twobrains.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.twobrains.contract.KafkaAccess.Role;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;

class KafkaAccessTest {

    @Test
    void onlyTheProcessorMayWriteTheEvents() {
        for (Role role : Role.values()) {
            boolean writesEvents = KafkaAccess.bindings(role, "User:x", "g").stream()
                    .anyMatch(acl -> acl.pattern().resourceType() == ResourceType.TOPIC
                            && acl.pattern().name().equals(Topics.EVENTS)
                            && Set.of(AclOperation.WRITE, AclOperation.ALL).contains(acl.entry().operation()));
            assertThat(writesEvents).as(role.name()).isEqualTo(role == Role.PROCESSOR);
        }
    }

    @Test
    void noRoleHasAWildcardOrATopicPrefixOutsideItsOwn() {
        for (Role role : Role.values()) {
            for (AclBinding acl : KafkaAccess.bindings(role, "User:x", "twobrains-processor")) {
                assertThat(acl.pattern().name()).as("%s %s", role, acl).isNotEqualTo("*");
                if (acl.pattern().patternType() == PatternType.PREFIXED && acl.pattern().resourceType() == ResourceType.TOPIC) {
                    assertThat(role).as("only the processor owns topics by prefix (its changelogs)").isEqualTo(Role.PROCESSOR);
                    assertThat(acl.pattern().name()).isEqualTo("twobrains-processor-");
                }
            }
        }
    }

    @Test
    void everyRoleMayCheckEveryChatTopic() {
        Set<String> chatTopics = Topics.all().stream().map(Topics.Spec::name).collect(Collectors.toSet());
        for (Role role : Role.values()) {
            for (AclOperation operation : List.of(AclOperation.DESCRIBE, AclOperation.DESCRIBE_CONFIGS)) {
                Set<String> described = KafkaAccess.bindings(role, "User:x", "g").stream()
                        .filter(acl -> acl.entry().operation() == operation)
                        .map(acl -> acl.pattern().name()).collect(Collectors.toSet());
                assertThat(described).as("%s %s", role, operation).containsAll(chatTopics);
            }
        }
    }

    @Test
    void theAclsPrintAsKafkaAclsCommands() {
        List<String> commands = KafkaAccess.bindings(Role.PROCESSOR, "User:processor", "twobrains-processor").stream()
                .map(KafkaAccess::command).toList();

        assertThat(commands).contains(
                "kafka-acls.sh --bootstrap-server \"$BOOTSTRAP\" --command-config \"$ADMIN_CONFIG\" --add"
                        + " --allow-principal User:processor --operation Write --topic chat.events",
                "kafka-acls.sh --bootstrap-server \"$BOOTSTRAP\" --command-config \"$ADMIN_CONFIG\" --add"
                        + " --allow-principal User:processor --operation DescribeConfigs --topic chat.commands",
                "kafka-acls.sh --bootstrap-server \"$BOOTSTRAP\" --command-config \"$ADMIN_CONFIG\" --add"
                        + " --allow-principal User:processor --operation Write --transactional-id twobrains-processor-"
                        + " --resource-pattern-type prefixed");
    }
}
