package io.twobrains.local;

import static io.twobrains.local.ConversationApiIT.message;

import io.twobrains.testkit.ApiClient;
import io.twobrains.testkit.ApiClient.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;

/**
 * Writers appending messages over HTTP through the door while a fault test breaks something. Each
 * writer is its own user with one conversation, writes one message at a time (each text unique:
 * {@code user-n}), and records what was acknowledged (201 and its seq) and what was left unknown.
 *
 * <p>A writer retries a failed write with the same {@code Idempotency-Key}, as a real client does
 * after a 503 or a lost connection: a write's outcome then almost always becomes known, and the
 * processor's deduplication across a crash is part of what is tested. Exactly-once for acknowledged
 * writes must hold with or without retries; a retry only turns an unknown outcome into a known one.
 */
final class WriteLoad implements AutoCloseable {

    /** A write the API acknowledged: its text and the seq it was acknowledged with. */
    record Ack(String text, long seq) {
    }

    /** An answer other than 201, as the client saw it. */
    record Refusal(int status, String retryAfter, String contentType, String body) {
    }

    /** One writer's record, in the order of its writes. */
    record Writer(String user, List<Ack> acked, List<String> unknown) {
    }

    static final String CONVERSATION = "c";

    /** How long a writer keeps retrying one write before it calls the outcome unknown. */
    private static final Duration GIVE_UP_AFTER = Duration.ofSeconds(90);

    private final List<Writer> writers = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final List<Refusal> refusals = new CopyOnWriteArrayList<>();
    private final List<Throwable> failures = new CopyOnWriteArrayList<>();
    private final AtomicInteger acks = new AtomicInteger();
    private volatile boolean running = true;

    private WriteLoad() {
    }

    /** Starts {@code writerCount} writers named {@code run-w0...}. */
    static WriteLoad start(LocalStack stack, String run, int writerCount) {
        List<String> users = new ArrayList<>();
        for (int w = 0; w < writerCount; w++) {
            users.add(run + "-w" + w);
        }
        return start(stack, users);
    }

    /** Starts one writer per user. */
    static WriteLoad start(LocalStack stack, List<String> users) {
        WriteLoad load = new WriteLoad();
        for (String user : users) {
            Writer writer = new Writer(user, Collections.synchronizedList(new ArrayList<>()),
                    Collections.synchronizedList(new ArrayList<>()));
            ApiClient api = Stacks.client(stack, writer.user());
            Thread thread = new Thread(() -> {
                try {
                    load.write(api, writer);
                } catch (RuntimeException | AssertionError e) {
                    load.failures.add(e);
                }
            }, "writer-" + writer.user());
            load.writers.add(writer);
            load.threads.add(thread);
            thread.start();
        }
        return load;
    }

    private void write(ApiClient api, Writer writer) {
        Response started = send(api.withHeader("Idempotency-Key", "start"), "/api/conversations",
                Map.of("id", CONVERSATION));
        if (started == null || started.status() != 201) {
            throw new AssertionError(writer.user() + " could not start its conversation: " + started);
        }
        for (int n = 0; running; n++) {
            String text = writer.user() + "-" + n;
            Response answer = send(api.withHeader("Idempotency-Key", text),
                    "/api/conversations/" + CONVERSATION + "/messages", message(null, "user", text));
            if (answer != null && answer.status() == 201) {
                writer.acked().add(new Ack(text, answer.seq()));
                acks.incrementAndGet();
            } else {
                writer.unknown().add(text);
            }
            pause(10);
        }
    }

    /** The final answer to one write, retried on 503 and lost connections; null if there was none. */
    private Response send(ApiClient api, String path, Object body) {
        long deadline = System.nanoTime() + GIVE_UP_AFTER.toNanos();
        while (System.nanoTime() < deadline && !Thread.currentThread().isInterrupted()) {
            try {
                Response answer = api.post(path, body);
                if (answer.status() != 201) {
                    refusals.add(new Refusal(answer.status(), answer.header("Retry-After"),
                            answer.header("Content-Type"), answer.text()));
                }
                if (answer.status() != 503) {
                    return answer;
                }
                pause(answer.header("Retry-After") == null ? 1000 : 1000L * Long.parseLong(answer.header("Retry-After")));
            } catch (IllegalStateException lostConnection) {
                pause(500);
            }
        }
        return null;
    }

    /** Waits until {@code more} writes beyond those acknowledged so far have been acknowledged. */
    void awaitMoreAcks(int more, Duration atMost) {
        int target = acks.get() + more;
        Awaitility.await(more + " more acknowledged writes").atMost(atMost).pollInterval(Duration.ofMillis(200))
                .until(() -> acks.get() >= target);
    }

    int acknowledged() {
        return acks.get();
    }

    /** Every answer other than 201 so far, retries included. */
    List<Refusal> refusals() {
        return List.copyOf(refusals);
    }

    /**
     * Stops the writers after their current write (which may still be retried to its outcome) and
     * returns their records; fails if a writer failed.
     */
    List<Writer> stop() {
        running = false;
        for (Thread thread : threads) {
            try {
                thread.join(GIVE_UP_AFTER.plusSeconds(30).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        if (!failures.isEmpty()) {
            AssertionError error = new AssertionError("a writer failed");
            failures.forEach(error::addSuppressed);
            throw error;
        }
        return List.copyOf(writers);
    }

    @Override
    public void close() {
        running = false;
        threads.forEach(Thread::interrupt);
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
