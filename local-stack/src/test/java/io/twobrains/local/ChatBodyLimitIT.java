package io.twobrains.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.twobrains.contract.Limits;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /api/chat} holds its body to a limit without taking it in first: a declared length over
 * the limit is answered 413 before a byte of the body is sent, and a body without a length (chunked)
 * that never ends is cut off at the limit and answered 413. Past the answer the server does not go on
 * reading a body far over the limit: it closes the connection. Raw sockets, so nothing buffers for us.
 */
class ChatBodyLimitIT {

    private static final int SOCKET_TIMEOUT_MILLIS = 60_000;

    private static LocalStack stack;

    @BeforeAll
    static void start() {
        stack = Stacks.shared();
    }

    @Test
    void aDeclaredLengthOverTheLimitIs413BeforeTheBodyIsSent() throws IOException {
        try (Socket socket = connect()) {
            send(socket, head("Content-Length: " + (Limits.MAX_CHAT_BODY_BYTES + 1L)));
            // Not one byte of the body is sent: an answer can only come from the headers.

            RawHttpResponse answer = new RawHttpResponse.Reader(socket.getInputStream()).next();

            assertProblem413(answer);
        }
    }

    /** A client declaring a gigabyte gets its 413 and the end of the connection: the server reads none of it. */
    @Test
    void aHugeDeclaredBodyIsRefusedAndTheConnectionClosedUnread() throws IOException {
        try (Socket socket = connect()) {
            send(socket, head("Content-Length: " + (1L << 30)));

            RawHttpResponse.Reader answers = new RawHttpResponse.Reader(socket.getInputStream());
            assertProblem413(answers.next());

            assertThat(closedByServer(answers)).as("the server closed the connection rather than wait for the body").isTrue();
        }
    }

    @Test
    void anEndlessChunkedBodyIsCutOffAtTheLimit() throws Exception {
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            out.write(head("Transfer-Encoding: chunked").getBytes(StandardCharsets.US_ASCII));
            AtomicBoolean answered = new AtomicBoolean();
            AtomicLong sent = new AtomicLong();
            Thread writer = new Thread(() -> sendForever(out, answered, sent), "endless-body");
            writer.setDaemon(true);
            writer.start();

            RawHttpResponse.Reader answers = new RawHttpResponse.Reader(socket.getInputStream());
            RawHttpResponse answer = answers.next();
            answered.set(true);

            assertProblem413(answer);
            assertThat(sent.get()).as("the answer came while the body was still coming")
                    .isGreaterThanOrEqualTo(Limits.MAX_CHAT_BODY_BYTES);
            assertThat(closedByServer(answers)).as("the server closed the connection rather than read the rest").isTrue();
        }
    }

    private static void assertProblem413(RawHttpResponse answer) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(413);
        assertThat(answer.header("content-type")).startsWith("application/problem+json");
        assertThat(answer.body()).contains("\"status\":413");
    }

    /** The connection's end, as a close (FIN) or as a reset (a close with our bytes still unread there). */
    private static boolean closedByServer(RawHttpResponse.Reader answers) throws IOException {
        try {
            return answers.atEnd();
        } catch (java.net.SocketException reset) {
            return true;
        }
    }

    private static void send(Socket socket, String head) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** Chunks of a JSON string that never closes, until the answer has come or the server stops reading. */
    private static void sendForever(OutputStream out, AtomicBoolean answered, AtomicLong sent) {
        byte[] data = new byte[64 * 1024];
        Arrays.fill(data, (byte) 'x');
        byte[] size = (Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] end = "\r\n".getBytes(StandardCharsets.US_ASCII);
        try {
            out.write(chunk("{\"id\":\"c1\",\"messages\":\"".getBytes(StandardCharsets.US_ASCII)));
            while (!answered.get()) {
                out.write(size);
                out.write(data);
                out.write(end);
                sent.addAndGet(data.length);
            }
        } catch (IOException stoppedReading) {
            // The server closed the connection after its answer: what a cut-off looks like from here.
        }
    }

    private static byte[] chunk(byte[] data) {
        byte[] size = (Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[size.length + data.length + 2];
        System.arraycopy(size, 0, all, 0, size.length);
        System.arraycopy(data, 0, all, size.length, data.length);
        all[all.length - 2] = '\r';
        all[all.length - 1] = '\n';
        return all;
    }

    private static String head(String framing) {
        URI door = stack.doorUrl();
        return "POST /api/chat HTTP/1.1\r\nHost: " + door.getHost() + ":" + door.getPort() + "\r\n"
                + "Authorization: Bearer " + Stacks.devToken(stack, "body-limit-" + UUID.randomUUID()) + "\r\n"
                + "Content-Type: application/json\r\nAccept: text/event-stream\r\n" + framing + "\r\n\r\n";
    }

    private static Socket connect() throws IOException {
        URI door = stack.doorUrl();
        Socket socket = new Socket(door.getHost(), door.getPort());
        socket.setSoTimeout(SOCKET_TIMEOUT_MILLIS);
        return socket;
    }
}
