package io.twobrains.door;

import io.twobrains.command.CommandModule;
import io.twobrains.command.chat.SharedElasticPool;
import io.twobrains.contract.KafkaAccess;
import io.twobrains.crypto.CryptoModule;
import io.twobrains.processor.ProcessorModule;
import io.twobrains.processor.ProcessorRebuild;
import io.twobrains.query.QueryModule;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;

/**
 * A node of twobrains: one server that is the door (the API, its documents), the write side, the
 * read side and a processor instance of the per-user brain, all in one process. A request for a user
 * whose partition this node holds is answered here, from the local store and with in-process write
 * replies; any other is sent once to the node that holds it ({@link OwnerRouting}). The Durable
 * Object idea: the compute sits beside its storage. Deploy as many nodes as you like; partitions
 * spread over them.
 *
 * <p>Run: {@code java -jar web/target/web-0.1.0-SNAPSHOT-exec.jar} (settings in {@code node.yml}); rebuild the
 * processor's state from {@code chat.events}, with every node stopped: add {@code --rebuild}. For a
 * secured cluster, {@code --kafka-acls role=principal[:group]...} prints each role's ACLs ({@link KafkaAccess}).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@Import({ProcessorModule.class, CryptoModule.class, CommandModule.class, QueryModule.class})
public class NodeApplication {

    public static final String CONFIG_NAME = "node";

    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(NodeApplication.class)
                .main(NodeApplication.class)
                .web(WebApplicationType.REACTIVE)
                .properties(Map.of("spring.config.name", CONFIG_NAME));
    }

    public static void main(String[] args) throws Exception {
        SharedElasticPool.size();
        if (args.length > 0 && args[0].equals("--kafka-acls")) {
            KafkaAccess.main(java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (List.of(args).contains("--rebuild")) {
            rebuild(UnaryOperator.identity(), args);
            return;
        }
        application().run(args);
    }

    /** Rebuilds the processor's state from {@code chat.events} with this node's settings; returns the events folded. */
    public static long rebuild(UnaryOperator<SpringApplicationBuilder> customizer, String... args) throws Exception {
        return ProcessorRebuild.run(customizer, CONFIG_NAME, args);
    }
}
