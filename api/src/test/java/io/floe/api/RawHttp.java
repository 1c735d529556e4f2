package io.floe.api;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * An HTTP/1.1 client over a bare socket, for requests no well-behaved client sends: broken chunked encodings,
 * unknown methods and versions, oversized lines, bodies and headers that stop half-way. Every read is bounded.
 */
public final class RawHttp implements AutoCloseable {
    /** A response as it came off the wire; header names lower-case. */
    public record Response(int status, Map<String, String> headers, String body) {
    }

    private final Socket socket;
    private final InputStream in;

    private RawHttp(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
    }

    /** Connects to the host and port of {@code base}; every read waits at most {@code readTimeout}. */
    public static RawHttp connect(URI base, Duration readTimeout) {
        try {
            Socket socket = new Socket();
            socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5000);
            socket.setSoTimeout((int) readTimeout.toMillis());
            return new RawHttp(socket);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One request, sent whole, and its response. */
    public static Response exchange(URI base, byte[] request, Duration readTimeout) {
        try (RawHttp http = connect(base, readTimeout)) {
            http.send(request);
            return http.response();
        }
    }

    public static Response exchange(URI base, String request, Duration readTimeout) {
        return exchange(base, request.getBytes(StandardCharsets.ISO_8859_1), readTimeout);
    }

    public void send(byte[] bytes) {
        try {
            socket.getOutputStream().write(bytes);
            socket.getOutputStream().flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void send(String text) {
        send(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    /**
     * Reads a response whose body has a Content-Length (all of Floe's error answers). Interim answers (1xx but 101,
     * such as the {@code 100 Continue} a request with {@code Expect: 100-continue} gets) are skipped, as RFC 9110
     * section 15.2 asks of every HTTP/1.1 client.
     */
    public Response response() {
        try {
            for (int interim = 0; interim < 16; interim++) {
                String statusLine = line();
                if (statusLine == null) {
                    throw new IllegalStateException("the server closed the connection without answering");
                }
                int status = Integer.parseInt(statusLine.split(" ")[1]);
                Map<String, String> headers = new TreeMap<>();
                for (String h = line(); h != null && !h.isEmpty(); h = line()) {
                    int colon = h.indexOf(':');
                    headers.put(h.substring(0, colon).trim().toLowerCase(Locale.ROOT), h.substring(colon + 1).trim());
                }
                if (status >= 100 && status < 200 && status != 101) {
                    continue;
                }
                int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
                byte[] body = in.readNBytes(length);
                return new Response(status, headers, new String(body, StandardCharsets.UTF_8));
            }
            throw new IllegalStateException("more than 16 interim (1xx) answers to one request");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Whether the server closes the connection (or answers and closes) before {@code bound}; the bytes it sent are
     * dropped. False when the connection is still open then.
     */
    public boolean closedWithin(Duration bound) {
        long deadline = System.nanoTime() + bound.toNanos();
        try {
            while (System.nanoTime() < deadline) {
                socket.setSoTimeout((int) Math.max(1, Duration.ofNanos(deadline - System.nanoTime()).toMillis()));
                if (in.read() < 0) {
                    return true;
                }
            }
            return false;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    private String line() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            if (b != '\r') {
                out.write(b);
            }
        }
        return b < 0 && out.size() == 0 ? null : out.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
