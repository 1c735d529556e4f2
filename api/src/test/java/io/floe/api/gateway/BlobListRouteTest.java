package io.floe.api.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.floe.api.control.ControlPlane;
import io.floe.api.json.Json;
import io.floe.api.node.NodeClient;
import io.floe.encoding.metadata.BlobId;
import io.floe.protocol.blob.ObjectId;
import io.floe.protocol.committee.Epoch;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code GET /v1/blobs} through the whole client route tree, on an index held in memory. */
class BlobListRouteTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private final ActorTestKit testKit = ActorTestKit.create("blob-list-route");
    private final ExecutorService cpu = Executors.newFixedThreadPool(2);
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final List<BlobListings.Entry> entries = new ArrayList<>();
    private volatile boolean ready = true;
    private volatile Boolean includedExpired;
    private ServerBinding binding;
    private Path spool;
    private URI gateway;

    @BeforeEach
    void start() throws Exception {
        for (int i = 0; i < 5; i++) {
            entries.add(entry(i, i < 3 ? "gateway" : "alice"));
        }
        entries.sort(Comparator.comparing(e -> e.blobId().toString()));
        // Listing never touches the control plane: any call would fail the request with 500.
        ControlPlane control = (ControlPlane) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ControlPlane.class}, (proxy, method, args) -> {
                    throw new UnsupportedOperationException(method.getName());
                });
        java.util.function.Function<io.floe.protocol.committee.StorageNodeInfo, NodeClient> nodes =
                info -> new NodeClient(http, URI.create(info.storageUrl()), TIMEOUT);
        BlobReader reader = new BlobReader(nodes, cpu, 2);
        BlobWriter writer = new BlobWriter(testKit.system(), control, nodes, cpu, Duration.ofMillis(10), 2);
        spool = Files.createTempDirectory("floe-spool");
        ClientRoutes routes = new ClientRoutes(testKit.system(), control, writer, reader,
                new UploadSettings(1 << 20, spool, 1 << 20), node -> true, cpu, new MemoryIndex(), "gateway");
        binding = Http.get(testKit.system()).newServerAt("127.0.0.1", 0).bind(routes.createRoute())
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
        gateway = URI.create("http://127.0.0.1:" + binding.localAddress().getPort());
    }

    @AfterEach
    void stop() throws Exception {
        if (binding != null) {
            binding.unbind().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        testKit.shutdownTestKit();
        cpu.shutdownNow();
        Files.deleteIfExists(spool);
    }

    @Test
    void listsTheGatewaysBlobsByDefaultInPages() throws Exception {
        JsonNode first = json(get("/v1/blobs?limit=2"));
        assertEquals("gateway", first.path("owner").asText());
        assertEquals(2, first.path("blobs").size());
        JsonNode blob = first.path("blobs").get(0);
        assertEquals("certified", blob.path("status").asText());
        assertEquals(1000, blob.path("size").asLong());
        assertEquals(6, blob.path("endEpoch").asInt());
        assertEquals(1, blob.path("certifiedEpoch").asInt());
        assertEquals("gateway", blob.path("owners").get(0).path("owner").asText());
        assertTrue(blob.path("owners").get(0).path("objectId").asText().startsWith("0x"));
        String cursor = first.path("nextCursor").asText();
        JsonNode second = json(get("/v1/blobs?limit=2&cursor=" + cursor));
        assertEquals(1, second.path("blobs").size());
        assertTrue(second.path("nextCursor").isNull());
        assertEquals(2, json(get("/v1/blobs?owner=alice")).path("blobs").size());
        JsonNode all = json(get("/v1/blobs?all=true&limit=1000"));
        assertTrue(all.path("owner").isNull());
        assertEquals(5, all.path("blobs").size());
    }

    @Test
    void refusesBadParameters() throws Exception {
        for (String query : List.of("limit=0", "limit=1001", "limit=x", "cursor=nope", "owner=", "owner=a&all=true",
                "all=maybe", "include_expired=yes")) {
            HttpResponse<String> answer = get("/v1/blobs?" + query);
            assertEquals(400, answer.statusCode(), query + ": " + answer.body());
            assertEquals("INVALID_PARAMETER", json(answer).path("error").path("details").path(0).path("reason").asText(), query);
        }
    }

    @Test
    void includesExpiredBlobsOnlyWhenAsked() throws Exception {
        assertEquals(2, json(get("/v1/blobs?owner=alice")).path("blobs").size());
        assertEquals(Boolean.FALSE, includedExpired);
        assertEquals(2, json(get("/v1/blobs?owner=alice&include_expired=true")).path("blobs").size());
        assertEquals(Boolean.TRUE, includedExpired);
    }

    @Test
    void answers503WhileTheReadSideIsNotReady() throws Exception {
        ready = false;
        HttpResponse<String> answer = get("/v1/blobs");
        assertEquals(503, answer.statusCode(), answer.body());
        assertEquals(BlobListRoute.READ_SIDE_UNAVAILABLE, json(answer).path("error").path("details").path(0).path("reason").asText());
    }

    private BlobListings.Entry entry(int seed, String owner) {
        byte[] id = new byte[32];
        id[0] = (byte) (seed * 37);
        byte[] oid = new byte[32];
        oid[0] = (byte) seed;
        return new BlobListings.Entry(BlobId.of(id), BlobListings.Status.CERTIFIED, 1000, new Epoch(6),
                List.of(new BlobListings.Owner(owner, ObjectId.of(oid))), Optional.of(new Epoch(1)));
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(gateway + path)).timeout(TIMEOUT).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) {
        return Json.parse(response.body().getBytes(StandardCharsets.UTF_8));
    }

    /** Entries in blob ID order, paged as the stores page them. */
    private final class MemoryIndex implements BlobListings {
        @Override
        public CompletionStage<Page> byOwner(String owner, Optional<BlobId> cursor, int limit) {
            return page(entries.stream().filter(e -> e.owners().stream().anyMatch(o -> o.owner().equals(owner)))
                    .toList(), cursor, limit);
        }

        @Override
        public CompletionStage<Page> byOwner(String owner, Optional<BlobId> cursor, int limit,
                                             boolean includeExpired) {
            includedExpired = includeExpired;
            return byOwner(owner, cursor, limit);
        }

        @Override
        public CompletionStage<Page> all(Optional<BlobId> cursor, int limit) {
            return page(entries, cursor, limit);
        }

        private CompletionStage<Page> page(List<Entry> from, Optional<BlobId> cursor, int limit) {
            if (!ready) {
                return CompletableFuture.failedFuture(new NotReady("store down", null));
            }
            List<Entry> after = from.stream()
                    .filter(e -> cursor.isEmpty() || e.blobId().toString().compareTo(cursor.get().toString()) > 0)
                    .toList();
            List<Entry> page = after.subList(0, Math.min(limit, after.size()));
            Optional<BlobId> next = after.size() > limit ? Optional.of(page.get(limit - 1).blobId()) : Optional.empty();
            return CompletableFuture.completedFuture(new Page(page, next));
        }
    }
}
