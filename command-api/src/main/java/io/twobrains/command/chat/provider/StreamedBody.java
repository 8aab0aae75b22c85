package io.twobrains.command.chat.provider;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;

/**
 * An answer's body as the OpenAI SDK reads it: a read returns what has arrived, waiting only while
 * nothing has, so each server-sent event reaches the SDK when it comes. (Spring's
 * {@code DataBufferUtils.subscriberInputStream} waits until the reader's whole array is filled, which
 * holds a stream's first words back until its end.) One buffer is asked for at a time; closing it
 * cancels the body, which lets the connection go.
 */
final class StreamedBody extends InputStream implements Subscriber<DataBuffer> {

    private static final Object END = new Object();

    private final BlockingQueue<Object> arrived = new LinkedBlockingQueue<>();
    private volatile Subscription subscription;
    private volatile boolean closed;
    private DataBuffer current;
    private boolean ended;

    StreamedBody(Publisher<DataBuffer> body) {
        body.subscribe(this);
    }

    @Override
    public void onSubscribe(Subscription subscription) {
        this.subscription = subscription;
        subscription.request(1);
    }

    @Override
    public void onNext(DataBuffer buffer) {
        arrived.add(buffer);
        if (closed) {
            // Arrived as the body was closed: nobody will read it.
            releaseArrived();
        }
    }

    @Override
    public void onError(Throwable error) {
        arrived.add(error);
    }

    @Override
    public void onComplete() {
        arrived.add(END);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] bytes, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        while (true) {
            synchronized (this) {
                if (current != null && current.readableByteCount() > 0) {
                    int count = Math.min(length, current.readableByteCount());
                    current.read(bytes, offset, count);
                    return count;
                }
                if (ended || closed) {
                    return -1;
                }
                if (current != null) {
                    DataBufferUtils.release(current);
                    current = null;
                    subscription.request(1);
                }
            }
            // Waits outside the lock, so a close from another thread is not held up by it.
            Object next = take();
            synchronized (this) {
                if (closed) {
                    release(next);
                    return -1;
                }
                if (next == END) {
                    ended = true;
                } else if (next instanceof Throwable error) {
                    ended = true;
                    throw new IOException("the answer broke off", error);
                } else {
                    current = (DataBuffer) next;
                }
            }
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            release(current);
            current = null;
        }
        releaseArrived();
        Subscription body = subscription;
        if (body != null) {
            body.cancel();
        }
    }

    /** Releases every buffer that arrived and is not read; a waiting reader is still woken. */
    private void releaseArrived() {
        for (Object left = arrived.poll(); left != null; left = arrived.poll()) {
            release(left);
        }
        arrived.add(END);
    }

    private static void release(Object arrived) {
        if (arrived instanceof DataBuffer buffer) {
            DataBufferUtils.release(buffer);
        }
    }

    private Object take() throws IOException {
        try {
            return arrived.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the answer");
        }
    }
}
