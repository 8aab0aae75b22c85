package io.twobrains.processor.kafka;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Guards the processor against state kept in a layout it no longer reads. Until docs/adr/0007 the
 * tables were nine stores, and until docs/adr/0012 one store of JSON values, each with its own
 * changelog; started on such a cluster, the processor would find its store empty and hand out seqs
 * from 1 again. It refuses instead, and says how to fold {@code chat.events} into the current layout.
 */
final class StateLayout {

    /**
     * The stores of older layouts, named as their changelogs are: nine stores until ADR 7, then one
     * store of JSON values until ADR 12.
     */
    static final List<String> OLD_STORES = List.of("users", "conversations", "conversations-by-activity", "messages",
            "message-ids", "commands", "command-expiry", "profiles", "generations", "chat-state");

    private StateLayout() {
    }

    static void requireCurrent(Properties props) {
        String applicationId = props.getProperty(StreamsConfig.APPLICATION_ID_CONFIG);
        Set<String> topics;
        try (Admin admin = Admin.create(StreamsSettings.admin(props))) {
            topics = admin.listTopics().names().get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not list the topics to check the state layout", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        List<String> old = OLD_STORES.stream().map(store -> applicationId + "-" + store + "-changelog")
                .filter(topics::contains).toList();
        if (!old.isEmpty()) {
            throw new IllegalStateException("the processor's state is kept in an older layout (" + old
                    + "); rebuild it from chat.events before starting: run a node with --rebuild"
                    + " (the local stack: java -jar local-stack/target/twobrains-local.jar --rebuild)");
        }
    }
}
