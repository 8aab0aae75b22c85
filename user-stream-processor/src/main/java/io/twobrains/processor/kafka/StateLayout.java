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
 * tables were nine stores, each with its own changelog; started on such a cluster, the processor
 * would find its one store empty and hand out seqs from 1 again. It refuses instead, and says how to
 * fold {@code chat.events} into the current layout.
 */
final class StateLayout {

    /** The stores of the old layout, named as their changelogs are. */
    static final List<String> OLD_STORES = List.of("users", "conversations", "conversations-by-activity", "messages",
            "message-ids", "commands", "command-expiry", "profiles", "generations");

    private StateLayout() {
    }

    static void requireCurrent(Properties props) {
        String applicationId = props.getProperty(StreamsConfig.APPLICATION_ID_CONFIG);
        Set<String> topics;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                props.getProperty(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG)))) {
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
                    + "); rebuild it from chat.events before starting: run the processor with --rebuild"
                    + " (the local stack: java -jar local-stack/target/twobrains-local.jar --rebuild)");
        }
    }
}
