package io.floe.cli.client;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.floe.api.json.ApiErrors;
import io.floe.api.json.ErrorReasons;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A stand-in for the gateway's client API on 127.0.0.1 and a free port: it records every request (with its whole
 * body) and answers what the test set up. It checks nothing of the real API; it only lets the client be tested.
 * Registered as a JUnit extension ({@code @RegisterExtension}), it listens from before each test until after it, or
 * until the test closes it.
 */
public class FakeGateway implements AutoCloseable, BeforeEachCallback, AfterEachCallback {
    public static final String BLOB_ID = "RcU82Mwf-CFkv1LaI_2qcpANwpGUuG3TMwnVzZxD2kY";
    public static final String OBJECT_ID = "0x" + "ab".repeat(32);

    /** One request as it arrived. */
    public record Request(String method, String path, String query, Headers headers, byte[] body) {
        public String header(String name) {
            return headers.getFirst(name);
        }
    }

    /** Writes the answer to one exchange. */
    @FunctionalInterface
    public interface Responder {
        void respond(HttpExchange exchange) throws IOException, InterruptedException;
    }

    /** A fixed answer for requests of one method whose path starts with a prefix, checked before the responder. */
    private record Route(String method, String pathPrefix, int status, String json) {
    }

    private final List<Route> routes = new CopyOnWriteArrayList<>();
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final CountDownLatch closing = new CountDownLatch(1);
    private volatile Responder responder = exchange -> send(exchange, 500, "text/plain", "not set up".getBytes());
    private HttpServer server;

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    public URI uri() {
        if (server == null) {
            throw new IllegalStateException("the fake gateway starts before each test; register it as an extension");
        }
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public String url() {
        return uri().toString();
    }

    public void respond(Responder responder) {
        this.responder = responder;
    }

    /** Answers {@code json} with {@code status} to {@code method} requests whose path starts with {@code prefix}. */
    public void route(String method, String prefix, int status, String json) {
        routes.add(new Route(method, prefix, status, json));
    }

    /** The recorded requests of {@code method} whose path starts with {@code prefix}. */
    public List<Request> requests(String method, String prefix) {
        return requests().stream().filter(r -> r.method().equals(method) && r.path().startsWith(prefix)).toList();
    }

    public void respondJson(int status, String json) {
        respond(exchange -> send(exchange, status, "application/json", json.getBytes(StandardCharsets.UTF_8)));
    }

    public void respondBytes(byte[] body) {
        respond(exchange -> send(exchange, 200, "application/octet-stream", body));
    }

    /** Announces {@code length} bytes, sends {@code prefix}, then stalls until the gateway is closed. */
    public void respondStalling(long length, byte[] prefix) {
        respond(exchange -> {
            exchange.sendResponseHeaders(200, length);
            exchange.getResponseBody().write(prefix);
            exchange.getResponseBody().flush();
            closing.await(60, TimeUnit.SECONDS);
        });
    }

    /** Announces {@code length} bytes but sends only {@code prefix} and closes the connection. */
    public void respondTruncated(long length, byte[] prefix) {
        respond(exchange -> {
            exchange.sendResponseHeaders(200, length);
            exchange.getResponseBody().write(prefix);
            exchange.getResponseBody().flush();
            // HttpServer closes the connection when an exchange ends short of its announced length.
            exchange.close();
        });
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    public Request onlyRequest() {
        List<Request> all = requests();
        if (all.size() != 1) {
            throw new AssertionError("expected one request, got " + all.size() + ": " + all);
        }
        return all.get(0);
    }

    public static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private void handle(HttpExchange exchange) {
        try {
            byte[] body = exchange.getRequestBody().readAllBytes();
            URI uri = exchange.getRequestURI();
            requests.add(new Request(exchange.getRequestMethod(), uri.getRawPath(), uri.getRawQuery(),
                exchange.getRequestHeaders(), body));
            for (Route route : routes) {
                if (route.method().equals(exchange.getRequestMethod()) && uri.getRawPath().startsWith(route.pathPrefix())) {
                    send(exchange, route.status(), "application/json", route.json().getBytes(StandardCharsets.UTF_8));
                    return;
                }
            }
            responder.respond(exchange);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // The client went away (a timeout test): nothing to answer.
        } finally {
            exchange.close();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        close();
    }

    @Override
    public void close() {
        if (closing.getCount() == 0) {
            return;
        }
        closing.countDown();
        if (server != null) {
            server.stop(0);
        }
        executor.shutdownNow();
    }

    // Canned answers in the shapes of DESIGN.md section 8.

    public static String newlyCreated(long size, int endEpoch, long cost) {
        return "{\"newlyCreated\":{\"blobObject\":{\"id\":\"" + OBJECT_ID + "\",\"registeredEpoch\":1,"
            + "\"blobId\":\"" + BLOB_ID + "\",\"size\":" + size + ",\"encodingType\":\"RS2\",\"certifiedEpoch\":1,"
            + "\"storage\":{\"id\":\"0x" + "cd".repeat(32) + "\",\"startEpoch\":1,\"endEpoch\":" + endEpoch
            + ",\"storageSize\":66034000},\"deletable\":false},"
            + "\"resourceOperation\":{\"registerFromScratch\":{\"encodedLength\":66034000,\"epochsAhead\":"
            + (endEpoch - 1) + "}},\"cost\":" + cost + "}}";
    }

    public static String alreadyCertified(int endEpoch) {
        return "{\"alreadyCertified\":{\"blobId\":\"" + BLOB_ID + "\",\"endEpoch\":" + endEpoch
            + ",\"event\":{\"txDigest\":\"4XQHFa9S324wTzYHF3vsBSwpQ1pLZ6vR8ybpYBb1V1AT\",\"eventSeq\":\"0\"}}}";
    }

    /** A {@code GET /status} answer with the fields the signing commands use. */
    public static String status(int epoch, int nShards, long storagePrice, long writePrice, int maxEpochsAhead) {
        return "{\"epoch\":" + epoch + ",\"nShards\":" + nShards + ",\"nodes\":[],\"storagePricePerUnit\":"
            + storagePrice + ",\"writePricePerUnit\":" + writePrice + ",\"maxEpochsAhead\":" + maxEpochsAhead + "}";
    }

    /**
     * The gateway's error answer in Walrus's shape, with the status name and domain the gateway gives {@code reason}
     * at {@code code}; {@code message} goes into the JSON as written (escapes and all).
     */
    public static String error(int code, String reason, String message) {
        String status = ErrorReasons.statusFor(code, reason).map(Enum::name)
            .orElseGet(() -> ApiErrors.codeFor(StatusCodes.get(code)));
        String domain = ErrorReasons.walrusDomain(reason).orElse(ErrorReasons.FLOE);
        return "{\"error\":{\"status\":\"" + status + "\",\"code\":" + code + ",\"message\":\"" + message
            + "\",\"details\":[{\"@type\":\"ErrorInfo\",\"reason\":\"" + reason + "\",\"domain\":\"" + domain
            + "\",\"metadata\":{}}]}}";
    }
}
