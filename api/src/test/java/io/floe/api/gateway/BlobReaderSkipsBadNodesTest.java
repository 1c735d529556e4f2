package io.floe.api.gateway;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.floe.api.json.ApiErrors;
import io.floe.api.json.Json;
import io.floe.api.node.NodeClient;
import io.floe.api.node.SliverBatch;
import io.floe.encoding.index.ShardIndex;
import io.floe.encoding.index.SliverPairIndex;
import io.floe.encoding.redstuff.BlobEncoder;
import io.floe.encoding.redstuff.EncodedBlob;
import io.floe.encoding.redstuff.EncodingConfig;
import io.floe.encoding.redstuff.Sliver;
import io.floe.protocol.committee.Committee;
import io.floe.protocol.committee.Epoch;
import io.floe.protocol.committee.NodeId;
import io.floe.protocol.committee.StorageNodeInfo;
import io.floe.protocol.signing.Ed25519PublicKey;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The aggregator's reader against storage nodes that lie: metadata of another blob, bytes that are not metadata, a
 * failing node, and slivers that do not match the metadata (in batch and single requests). It must skip each and
 * return the exact blob from the honest ones.
 */
class BlobReaderSkipsBadNodesTest {
    private static final int N = 10;
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** What a fake node answers for metadata. */
    private enum MetadataAnswer { HONEST, OTHER_BLOB, GARBAGE, FAILS }

    private final List<HttpServer> servers = new ArrayList<>();
    private final ExecutorService cpu = Executors.newFixedThreadPool(2);
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();

    @AfterEach
    void stop() throws InterruptedException {
        servers.forEach(s -> s.stop(0));
        cpu.shutdownNow();
        assertTrue(cpu.awaitTermination(5, TimeUnit.SECONDS));
    }

    @Test
    void skipsNodesServingBadMetadataOrSlivers() {
        EncodedBlob blob = encode(20_000, 1);
        EncodedBlob other = encode(20_000, 2);
        int rotation = blob.blobId().rotation(N);
        // The liar holds the pairs of the first three systematic slivers, which a read asks for first in one batch,
        // and pair 5, which the read then asks for alone.
        List<NodeId> owners = new ArrayList<>();
        for (int k = 0; k < N; k++) {
            int pair = SliverPairIndex.onShard(new ShardIndex(k), rotation, N).value();
            owners.add(new NodeId(pair < 3 || pair == 5 ? "liar" : "node-" + (k % 3)));
        }
        List<StorageNodeInfo> members = List.of(
                node("liar", blob, other, MetadataAnswer.OTHER_BLOB, true),
                node("node-0", blob, other, MetadataAnswer.GARBAGE, false),
                node("node-1", blob, other, MetadataAnswer.FAILS, false),
                node("node-2", blob, other, MetadataAnswer.HONEST, false));
        Committee committee = new Committee(Epoch.GENESIS, members, owners);
        // No metadata cache: every read asks for the metadata again.
        BlobReader reader = reader(0);

        // Each read shuffles the nodes it asks for metadata: over 20 reads every liar is asked first at some point.
        for (int i = 0; i < 20; i++) {
            assertArrayEquals(original(20_000, 1), reader.read(committee, blob.blobId()).orTimeout(20, TimeUnit.SECONDS)
                    .join(), "read " + i);
        }
        assertTrue(count("liar metadata") > 0 && count("node-0 metadata") > 0 && count("node-1 metadata") > 0,
                "every lying node was asked for metadata: " + requests);
        assertTrue(count("liar slivers") > 20, "the liar was asked for its slivers alone too: " + requests);
    }

    @Test
    void asksForABlobsMetadataOnceWhileItIsCached() {
        EncodedBlob blob = encode(20_000, 1);
        List<NodeId> owners = new ArrayList<>();
        for (int k = 0; k < N; k++) {
            owners.add(new NodeId("node-" + (k % 2)));
        }
        List<StorageNodeInfo> members = List.of(
                node("node-0", blob, blob, MetadataAnswer.HONEST, false),
                node("node-1", blob, blob, MetadataAnswer.HONEST, false));
        Committee committee = new Committee(Epoch.GENESIS, members, owners);
        BlobReader reader = reader(ReadSettings.DEFAULT_METADATA_CACHE_BYTES);
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(original(20_000, 1), reader.read(committee, blob.blobId()).orTimeout(20, TimeUnit.SECONDS)
                    .join(), "read " + i);
        }
        assertEquals(1, count("node-0 metadata") + count("node-1 metadata"), "metadata asked once: " + requests);
        assertTrue(count("node-0 slivers") >= 3 && count("node-1 slivers") >= 3, "slivers asked every time: "
                + requests);
    }

    private BlobReader reader(long metadataCacheBytes) {
        Map<String, NodeClient> clients = new ConcurrentHashMap<>();
        ReadSettings settings = new ReadSettings(ReadSettings.DEFAULT.readAheadBytes(),
                ReadSettings.DEFAULT.wholeReadBytes(), ReadSettings.DEFAULT.readBudgetBytes(), metadataCacheBytes);
        return new BlobReader(info -> clients.computeIfAbsent(info.storageUrl(),
                url -> new NodeClient(http, URI.create(url), TIMEOUT)), cpu, 4, new SimpleMeterRegistry(), settings);
    }

    private int count(String key) {
        return requests.getOrDefault(key, new AtomicInteger()).get();
    }

    private StorageNodeInfo node(String id, EncodedBlob blob, EncodedBlob other, MetadataAnswer metadata,
                                 boolean corruptSlivers) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> answer(exchange, id, blob, other, metadata, corruptSlivers));
            server.start();
            servers.add(server);
            byte[] key = new byte[32];
            new Random(id.hashCode()).nextBytes(key);
            return new StorageNodeInfo(new NodeId(id), "http://127.0.0.1:" + server.getAddress().getPort(),
                    Ed25519PublicKey.of(key), 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void answer(HttpExchange exchange, String id, EncodedBlob blob, EncodedBlob other,
                        MetadataAnswer metadata, boolean corrupt) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String prefix = "/v1/blobs/" + blob.blobId() + "/";
        if (path.equals(prefix + "metadata")) {
            requests.computeIfAbsent(id + " metadata", k -> new AtomicInteger()).incrementAndGet();
            switch (metadata) {
                case HONEST -> send(exchange, 200, blob.metadata().toBcs());
                case OTHER_BLOB -> send(exchange, 200, other.metadata().toBcs());
                case GARBAGE -> send(exchange, 200, new byte[] {1, 2, 3, 4});
                default -> send(exchange, 500, error(StatusCodes.INTERNAL_SERVER_ERROR, "INTERNAL_ERROR"));
            }
        } else if (path.equals(prefix + "slivers/primary")) {
            requests.computeIfAbsent(id + " slivers", k -> new AtomicInteger()).incrementAndGet();
            List<SliverBatch.Entry> entries = new ArrayList<>();
            for (String p : exchange.getRequestURI().getQuery().replace("pairs=", "").split(",")) {
                SliverPairIndex pair = new SliverPairIndex(Integer.parseInt(p));
                entries.add(new SliverBatch.Entry(pair, served(blob, pair, corrupt)));
            }
            send(exchange, 200, SliverBatch.encode(entries));
        } else if (path.startsWith(prefix + "slivers/") && path.endsWith("/primary")) {
            requests.computeIfAbsent(id + " slivers", k -> new AtomicInteger()).incrementAndGet();
            int pair = Integer.parseInt(path.substring((prefix + "slivers/").length(), path.lastIndexOf('/')));
            send(exchange, 200, served(blob, new SliverPairIndex(pair), corrupt).toBcs());
        } else {
            requests.computeIfAbsent(id + " none", k -> new AtomicInteger()).incrementAndGet();
            send(exchange, 404, error(StatusCodes.NOT_FOUND, "NOT_FOUND"));
        }
    }

    /** A storage node's error answer, in Walrus's shape as Floe's nodes give it. */
    private static byte[] error(org.apache.pekko.http.javadsl.model.StatusCode status, String reason) {
        return Json.text(ApiErrors.body(status, reason, reason.toLowerCase(java.util.Locale.ROOT)))
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The pair's primary sliver, or the same with one byte flipped (right size, wrong hash). */
    private static Sliver served(EncodedBlob blob, SliverPairIndex pair, boolean corrupt) {
        Sliver honest = blob.pair(pair).primary();
        if (!corrupt) {
            return honest;
        }
        byte[] data = Arrays.copyOf(honest.data(), honest.data().length);
        data[0] ^= 0x01;
        return new Sliver(honest.type(), honest.index(), honest.symbolSize(), data);
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    private static byte[] original(int size, long seed) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }

    private static EncodedBlob encode(int size, long seed) {
        return new BlobEncoder(new EncodingConfig(N)).encode(original(size, seed));
    }
}
