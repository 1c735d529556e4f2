package io.floe.multijvm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * Plain HTTP calls to the gateway and to storage nodes, each bounded by its timeout. A failure to connect or a
 * timeout is an {@link UncheckedIOException}, so {@link Await} can treat it as "not yet". HTTPS node APIs (networks
 * with TLS) are reached without checking their certificates: the tests probe what nodes serve, while the members'
 * own clients, which pin each node's certificate, are what the network's scenarios prove.
 */
public final class Http {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .sslContext(TrustingTls.CONTEXT)
            .build();

    private Http() {
    }

    /** One answer: status, body and headers. */
    public record Response(int status, byte[] body, HttpHeaders headers) {
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public JsonNode json() {
            try {
                return MAPPER.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (HTTP " + status + "): " + excerpt(), e);
            }
        }

        public Optional<String> header(String name) {
            return headers.firstValue(name);
        }

        /** The start of the body, for failure messages. */
        public String excerpt() {
            String t = text();
            return t.length() <= 300 ? t : t.substring(0, 300) + "...";
        }

        @Override
        public String toString() {
            return "HTTP " + status + " (" + body.length + " bytes)";
        }
    }

    public static Response get(String url, Duration timeout, String... headers) {
        return send(builder(url, timeout, headers).GET().build());
    }

    public static Response put(String url, byte[] body, Duration timeout, String... headers) {
        return send(builder(url, timeout, headers).header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    /** A POST without a body (the gateway's staking routes take their arguments in the query). */
    public static Response post(String url, Duration timeout) {
        return send(builder(url, timeout).POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    /** A POST of a JSON body (the gateway's signed transactions). */
    public static Response postJson(String url, String json, Duration timeout) {
        return send(builder(url, timeout).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build());
    }

    /** A PUT whose body has no declared length (sent chunked), so a server must count it as it arrives. */
    public static Response putChunked(String url, byte[] body, Duration timeout) {
        return send(builder(url, timeout).header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body))).build());
    }

    private static HttpRequest.Builder builder(String url, Duration timeout, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(timeout);
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return b;
    }

    private static Response send(HttpRequest request) {
        try {
            HttpResponse<byte[]> r = CLIENT.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return new Response(r.statusCode(), r.body(), r.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException("interrupted: " + request.uri(), e));
        }
    }
}
