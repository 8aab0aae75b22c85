package io.twobrains.projector.db;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.springframework.jdbc.core.JdbcTemplate;

/** The projector's position in chat.events, kept in Postgres beside the rows it produced. */
public class Offsets {

    private final JdbcTemplate jdbc;

    public Offsets(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Map<TopicPartition, Long> of(Collection<TopicPartition> partitions) {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        for (TopicPartition partition : partitions) {
            jdbc.queryForList("select next_offset from projector_offsets where topic = ? and partition = ?", Long.class,
                    partition.topic(), partition.partition()).stream().findFirst()
                    .ifPresent(offset -> offsets.put(partition, offset));
        }
        return offsets;
    }

    public void save(TopicPartition partition, long nextOffset) {
        jdbc.update("""
                insert into projector_offsets (topic, partition, next_offset) values (?, ?, ?)
                on conflict (topic, partition) do update set next_offset = excluded.next_offset""",
                partition.topic(), partition.partition(), nextOffset);
    }
}
