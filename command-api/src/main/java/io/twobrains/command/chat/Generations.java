package io.twobrains.command.chat;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/** The generations this instance is running, by user and conversation (at most one per conversation). */
@Component
class Generations {

    private final Map<String, GenerationRun> running = new ConcurrentHashMap<>();

    /** Registers a run, unless the conversation has a live one here (an ended one is replaced). */
    boolean add(GenerationRun run) {
        GenerationRun[] kept = {null};
        running.compute(key(run.identity().userId(), run.identity().conversationId()), (key, existing) -> {
            kept[0] = existing != null && existing.isRunning() ? existing : run;
            return kept[0];
        });
        return kept[0] == run;
    }

    void remove(GenerationRun run) {
        running.remove(key(run.identity().userId(), run.identity().conversationId()), run);
    }

    Optional<GenerationRun> find(String userId, String conversationId) {
        return Optional.ofNullable(running.get(key(userId, conversationId)));
    }

    int size() {
        return running.size();
    }

    private static String key(String userId, String conversationId) {
        return userId + "\n" + conversationId;
    }
}
