package io.twobrains.contract;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;

/**
 * What a service checks of the chat topics before it starts, so that a wrong cluster is refused with
 * a message saying what to fix instead of quietly losing the log or moving users: every chat topic
 * exists and has the same number of partitions (a user is placed by partition, on all of them alike),
 * and {@code chat.events}, the source of truth, keeps every record forever and is never compacted.
 */
public final class TopicChecks {

    private TopicChecks() {
    }

    /** Throws an {@link IllegalStateException} naming every problem and its fix; returns the partition count. */
    public static int requireSound(Admin admin) throws InterruptedException, ExecutionException {
        List<String> names = Topics.all().stream().map(Topics.Spec::name).toList();
        List<String> missing = new ArrayList<>(names);
        missing.removeAll(admin.listTopics().names().get());
        if (!missing.isEmpty()) {
            throw new IllegalStateException("the chat topics " + missing + " do not exist; a node creates them at"
                    + " its first start (twobrains.processor.partitions), or create them with the partition count of the others");
        }
        Map<String, TopicDescription> described = admin.describeTopics(names).allTopicNames().get();
        int partitions = described.get(Topics.EVENTS).partitions().size();
        List<String> problems = new ArrayList<>();
        String others = described.values().stream().filter(d -> d.partitions().size() != partitions)
                .map(d -> d.name() + " has " + d.partitions().size()).collect(Collectors.joining(", "));
        if (!others.isEmpty()) {
            problems.add(others + " partitions, but " + Topics.EVENTS + " has " + partitions + ": every chat topic must have"
                    + " the same number, since a user is placed by partition on all of them. Recreate the others with "
                    + partitions + " partitions (their records are short-lived); never change the partitions of "
                    + Topics.EVENTS + " or " + Topics.COMMANDS + " in place, that would move users");
        }
        ConfigResource events = new ConfigResource(ConfigResource.Type.TOPIC, Topics.EVENTS);
        Config config = admin.describeConfigs(List.of(events)).all().get().get(events);
        String cleanup = config.get("cleanup.policy").value();
        if (cleanup.contains("compact")) {
            problems.add(Topics.EVENTS + " is compacted (cleanup.policy=" + cleanup + "): it is the source of truth and must"
                    + " keep every record; set cleanup.policy=delete");
        }
        for (String limit : List.of("retention.ms", "retention.bytes")) {
            if (!"-1".equals(config.get(limit).value())) {
                problems.add(Topics.EVENTS + " deletes old records (" + limit + "=" + config.get(limit).value()
                        + "): it is the source of truth and must keep every record; set " + limit + "=-1");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("the chat topics are not as twobrains needs them: " + String.join("; ", problems));
        }
        return partitions;
    }
}
