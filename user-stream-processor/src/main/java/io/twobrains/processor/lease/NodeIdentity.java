package io.twobrains.processor.lease;

import java.util.UUID;

/**
 * This node process, as the runner of its generations: a new id at every start, so a node that comes
 * back after a crash does not pass for the process whose generations died with it.
 *
 * @param instance the id other nodes hear in heartbeats and find in running generations
 */
public record NodeIdentity(String instance) {

    public static NodeIdentity started(String host) {
        return new NodeIdentity(host + "/" + UUID.randomUUID());
    }
}
