package io.twobrains.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A server-sent event stream read as it arrives, one {@code data:} payload at a time; closing it
 * early is a client going away mid-stream.
 */
public final class SseStream implements AutoCloseable {

    /** Longer than any pause of a healthy stream in the tests (a slow demo model, a reply saving). */
    private static final Duration QUIET_LIMIT = Duration.ofSeconds(90);
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "sse-watchdog");
        thread.setDaemon(true);
        return thread;
    });

    private final HttpResponse<InputStream> response;
    private final BufferedReader reader;

    SseStream(HttpResponse<InputStream> response) {
        this.response = response;
        this.reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));
    }

    public int status() {
        return response.statusCode();
    }

    public String header(String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    /** The next event's data, or null when the stream has ended. */
    public String next() {
        // A stream that stops sending fails the test rather than hanging it: the body is closed under the read.
        ScheduledFuture<?> watchdog = WATCHDOG.schedule(this::close, QUIET_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        try {
            StringBuilder data = new StringBuilder();
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isEmpty()) {
                    if (data.length() > 0) {
                        return data.toString();
                    }
                    continue;
                }
                if (line.startsWith("data:")) {
                    if (data.length() > 0) {
                        data.append('\n');
                    }
                    data.append(line.substring(line.startsWith("data: ") ? 6 : 5));
                }
            }
            return data.length() > 0 ? data.toString() : null;
        } catch (IOException e) {
            if (watchdog.isDone()) {
                throw new IllegalStateException("the stream sent nothing for " + QUIET_LIMIT, e);
            }
            throw new UncheckedIOException(e);
        } finally {
            watchdog.cancel(false);
        }
    }

    /** Every remaining event's data, to the end. */
    public List<String> rest() {
        List<String> all = new ArrayList<>();
        for (String data = next(); data != null; data = next()) {
            all.add(data);
        }
        return all;
    }

    /** The whole body as text (for an answer that is not a stream, such as a problem). */
    public String text() {
        try {
            return new String(response.body().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            response.body().close();
        } catch (IOException e) {
            // already gone
        }
    }
}
