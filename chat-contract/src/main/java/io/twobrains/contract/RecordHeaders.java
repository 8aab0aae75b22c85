package io.twobrains.contract;

/** Kafka record headers that twobrains writes, defined once. */
public final class RecordHeaders {

    /** On events: the fingerprint of the request that caused them, so a rebuild restores idempotency. */
    public static final String FINGERPRINT = "tb-fingerprint";

    /**
     * On the last event of each command (its value is the number of events the command caused): a
     * reader of committed events knows a command's outcome once it has read this one.
     */
    public static final String COMMAND_END = "tb-command-end";

    /** On dead letters: why the record was refused, and where it came from. */
    public static final String DLQ_REASON = "tb-dlq-reason";
    public static final String DLQ_EXCEPTION = "tb-dlq-exception";
    public static final String DLQ_TOPIC = "tb-dlq-topic";
    public static final String DLQ_PARTITION = "tb-dlq-partition";
    public static final String DLQ_OFFSET = "tb-dlq-offset";

    private RecordHeaders() {
    }
}
