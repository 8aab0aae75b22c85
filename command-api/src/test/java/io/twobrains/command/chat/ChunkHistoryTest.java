package io.twobrains.command.chat;

import static org.assertj.core.api.Assertions.assertThat;

import io.twobrains.contract.json.ChatJson;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** A run keeps about the size of its reply, and a late follower gets the same text in fewer chunks. */
class ChunkHistoryTest {

    @Test
    void theDeltasOfOneBlockAreKeptAsOneAndEverythingElseAsItCame() {
        ChunkHistory history = new ChunkHistory();
        add(history, UiChunks.start("m1", null));
        add(history, UiChunks.textStart("text-1"));
        for (int i = 0; i < 1000; i++) {
            add(history, UiChunks.textDelta("text-1", "word" + i + " "));
        }
        add(history, UiChunks.textEnd("text-1"));
        add(history, UiChunks.reasoningStart("reasoning-2"));
        add(history, UiChunks.reasoningDelta("reasoning-2", "think"));
        add(history, UiChunks.reasoningDelta("reasoning-2", "ing"));

        List<String> replay = history.replay();

        assertThat(history.size()).isEqualTo(6);
        assertThat(ChatJson.MAPPER.readTree(replay.get(2)).get("delta").asString())
                .startsWith("word0 word1 ").endsWith("word999 ").hasSize(7890);
        assertThat(replay.get(3)).contains("text-end");
        assertThat(ChatJson.MAPPER.readTree(replay.get(5)).get("delta").asString()).isEqualTo("thinking");
    }

    private static void add(ChunkHistory history, ObjectNode chunk) {
        history.add(chunk, ChatJson.MAPPER.writeValueAsString(chunk));
    }
}
