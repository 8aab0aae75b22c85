package io.twobrains.contract;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/** Where a topic ends now: what a replay or a catch-up has to reach. */
public final class TopicEnds {

    private TopicEnds() {
    }

    /** The end offset of every partition of the topic. */
    public static Map<TopicPartition, Long> of(Admin admin, String topic) throws InterruptedException, ExecutionException {
        int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (int p = 0; p < partitions; p++) {
            request.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        return admin.listOffsets(request).all().get().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    /** The number of offsets in the whole topic, its partitions' ends summed. */
    public static long total(Admin admin, String topic) throws InterruptedException, ExecutionException {
        return of(admin, topic).values().stream().mapToLong(Long::longValue).sum();
    }
}
