package io.twobrains.local;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * An HTTP/1.1 response read off a raw socket, for tests that must see exactly what is on the wire
 * (pipelined answers in order, the connection's end), which an HTTP client library hides.
 */
record RawHttpResponse(int status, Map<String, String> headers, String body) {

    String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** Reads one response after another from a connection; bodies by Content-Length or chunked. */
    static final class Reader {

        private final InputStream in;

        Reader(InputStream in) {
            this.in = in;
        }

        RawHttpResponse next() throws IOException {
            String statusLine = line();
            String[] parts = statusLine.split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
                throw new IOException("not a status line: " + statusLine);
            }
            Map<String, String> headers = new HashMap<>();
            for (String line = line(); !line.isEmpty(); line = line()) {
                int colon = line.indexOf(':');
                headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            }
            byte[] body;
            if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                ByteArrayOutputStream chunks = new ByteArrayOutputStream();
                for (int size = Integer.parseInt(line().split(";")[0].trim(), 16); size > 0;
                        size = Integer.parseInt(line().split(";")[0].trim(), 16)) {
                    chunks.write(exactly(size));
                    line();
                }
                while (!line().isEmpty()) {
                    // trailers, if any
                }
                body = chunks.toByteArray();
            } else {
                body = exactly(Integer.parseInt(headers.getOrDefault("content-length", "0")));
            }
            return new RawHttpResponse(Integer.parseInt(parts[1]), headers, new String(body, StandardCharsets.UTF_8));
        }

        /** True when the peer has closed the connection with nothing more to read. */
        boolean atEnd() throws IOException {
            return in.read() == -1;
        }

        private byte[] exactly(int length) throws IOException {
            byte[] bytes = in.readNBytes(length);
            if (bytes.length < length) {
                throw new EOFException("the connection ended " + (length - bytes.length) + " bytes into a body");
            }
            return bytes;
        }

        private String line() throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int previous = -1;
            for (int b = in.read(); b != -1; b = in.read()) {
                if (previous == '\r' && b == '\n') {
                    byte[] bytes = line.toByteArray();
                    return new String(bytes, 0, bytes.length - 1, StandardCharsets.ISO_8859_1);
                }
                line.write(b);
                previous = b;
            }
            throw new EOFException("the connection ended mid-line: " + line.toString(StandardCharsets.ISO_8859_1));
        }
    }
}
