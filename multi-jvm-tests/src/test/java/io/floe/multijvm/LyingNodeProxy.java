package io.floe.multijvm;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.floe.api.node.SliverBatch;
import io.floe.encoding.index.SliverType;
import io.floe.encoding.redstuff.Sliver;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A storage node that lies, for tests: an HTTP proxy on 127.0.0.1 placed in front of one real node by making that
 * node announce the proxy's URL as its public URL (so the committee, the gateway and the other nodes reach it only
 * through here). Requests are forwarded unchanged; while {@link #lying} is on, every successful answer carrying
 * blob data has bytes changed on the way back: each sliver of a sliver answer (single or batch) gets one data byte
 * flipped, so it still parses and only its hash betrays it; metadata and recovery-symbol answers get bytes flipped
 * in their middle. Confirmations, statuses and health pass unchanged.
 */
public final class LyingNodeProxy implements AutoCloseable {
    /** Kinds of answers this proxy falsifies, as counted by {@link #lies(String)}. */
    public static final String SLIVER = "sliver";
    public static final String SLIVER_BATCH = "sliver-batch";
    public static final String METADATA = "metadata";
    public static final String RECOVERY_SYMBOLS = "recovery-symbols";

    private static final Pattern SINGLE = Pattern.compile("/v1/blobs/[^/]+/slivers/\\d+/(primary|secondary)");
    private static final Pattern BATCH = Pattern.compile("/v1/blobs/[^/]+/slivers/(primary|secondary)");
    private static final Pattern META = Pattern.compile("/v1/blobs/[^/]+/metadata");
    private static final Pattern SYMBOLS = Pattern.compile("/v1/blobs/[^/]+/recoverySymbols.*");
    /** Headers the JDK client sets itself (it refuses them) or that describe one hop only. */
    private static final Set<String> HOP_HEADERS = Set.of("connection", "content-length", "expect", "host", "upgrade",
            "transfer-encoding", "keep-alive", "te", "trailer", "date", "http2-settings");

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(32);
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final Map<String, AtomicLong> lies = new ConcurrentHashMap<>();
    private final AtomicLong forwarded = new AtomicLong();
    private volatile URI target;
    private volatile boolean lying = true;

    private LyingNodeProxy(HttpServer server) {
        this.server = server;
    }

    /** Binds a free port on 127.0.0.1; it answers 502 until {@link #fronting} names the node behind it. */
    public static LyingNodeProxy start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(Ports.LOOPBACK, 0), 64);
        LyingNodeProxy proxy = new LyingNodeProxy(server);
        server.createContext("/", proxy::handle);
        server.setExecutor(proxy.threads);
        server.start();
        return proxy;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Node options that put this proxy in front of storage node {@code node} of the network being started. */
    public NetworkSpec.NodeOptions fronting(int node) {
        return (i, layout) -> {
            if (i != node) {
                return List.of();
            }
            target = URI.create("http://127.0.0.1:" + layout.storagePort(node));
            return List.of("-Dfloe.storage-api.public-url=" + url());
        };
    }

    /** Turns lying on (the default) or off; off, the proxy is an honest pass-through. */
    public void lying(boolean on) {
        lying = on;
    }

    /** How many answers of this kind were falsified so far. */
    public long lies(String kind) {
        AtomicLong n = lies.get(kind);
        return n == null ? 0 : n.get();
    }

    public long forwarded() {
        return forwarded.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            URI to = target;
            if (to == null) {
                exchange.sendResponseHeaders(502, -1);
                return;
            }
            HttpResponse<byte[]> answer;
            try {
                answer = client.send(forward(exchange, to), HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException e) {
                exchange.sendResponseHeaders(502, -1); // the node behind is down: no answer to pass on
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                exchange.sendResponseHeaders(503, -1);
                return;
            }
            forwarded.incrementAndGet();
            byte[] body = answer.body();
            if (lying && answer.statusCode() == 200 && exchange.getRequestMethod().equals("GET") && body.length > 0) {
                body = falsified(exchange.getRequestURI().getPath(), body);
            }
            answer.headers().map().forEach((name, values) -> {
                if (!HOP_HEADERS.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                    exchange.getResponseHeaders().put(name, values);
                }
            });
            exchange.sendResponseHeaders(answer.statusCode(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                exchange.getResponseBody().write(body);
            }
        }
    }

    private static HttpRequest forward(HttpExchange exchange, URI to) throws IOException {
        URI in = exchange.getRequestURI();
        URI out = to.resolve(in.getRawPath() + (in.getRawQuery() == null ? "" : "?" + in.getRawQuery()));
        byte[] body = exchange.getRequestBody().readAllBytes();
        HttpRequest.Builder b = HttpRequest.newBuilder(out).timeout(Duration.ofSeconds(60))
                .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!HOP_HEADERS.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                values.forEach(v -> b.header(name, v));
            }
        });
        return b.build();
    }

    /** The answer with wrong bytes, or unchanged when it carries no blob data. */
    private byte[] falsified(String path, byte[] body) {
        Matcher single = SINGLE.matcher(path);
        if (single.matches()) {
            count(SLIVER);
            return flipped(Sliver.fromBcs(type(single.group(1)), body)).toBcs();
        }
        if (BATCH.matcher(path).matches()) {
            count(SLIVER_BATCH);
            return SliverBatch.encode(SliverBatch.decode(body).stream()
                    .map(e -> new SliverBatch.Entry(e.pair(), flipped(e.sliver()))).toList());
        }
        boolean metadata = META.matcher(path).matches();
        if (metadata || SYMBOLS.matcher(path).matches()) {
            count(metadata ? METADATA : RECOVERY_SYMBOLS);
            byte[] wrong = body.clone();
            for (int at : new int[] {wrong.length / 3, wrong.length / 2, wrong.length * 2 / 3}) {
                wrong[at] ^= 0x5A;
            }
            return wrong;
        }
        return body;
    }

    private static SliverType type(String pathName) {
        return pathName.equals(SliverType.PRIMARY.pathName()) ? SliverType.PRIMARY : SliverType.SECONDARY;
    }

    /** The same sliver with one byte of its data changed: right shape, index and size, wrong content. */
    private static Sliver flipped(Sliver sliver) {
        byte[] data = sliver.data().clone();
        if (data.length > 0) {
            data[data.length / 2] ^= 0x01;
        }
        return new Sliver(sliver.type(), sliver.index(), sliver.symbolSize(), data);
    }

    private void count(String kind) {
        lies.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
        try {
            threads.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
