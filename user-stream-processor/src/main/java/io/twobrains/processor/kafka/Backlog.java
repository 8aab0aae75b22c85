package io.twobrains.processor.kafka;

import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * What still waits for a stream thread once it has handled a command: the cue for when its transaction
 * commits. Nothing waits: commit at once, so a lone write is answered after one commit rather than after
 * up to a commit interval and one. Something waits: leave the commit to the interval, and the commands
 * waiting join this transaction (a group commit). Commits follow the load, and nothing else changes: what
 * a transaction holds, and when a reply is handed on (after its commit), are the same either way.
 */
interface Backlog {

    /** A backlog never known to be empty: commits follow the commit interval alone. */
    Backlog UNKNOWN = handled -> false;

    /** Whether nothing is known to wait for the current stream thread once {@code handled} has been handled. */
    boolean emptyAfter(RecordMetadata handled);
}
