package io.floe.api.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.floe.api.control.ControlPlane;
import io.floe.api.control.RegisterBlob;
import io.floe.api.control.UnsupportedControlPlane;
import io.floe.api.json.Json;
import io.floe.api.node.NodeClient;
import io.floe.encoding.metadata.BlobId;
import io.floe.protocol.blob.BlobRecord;
import io.floe.protocol.blob.ObjectId;
import io.floe.protocol.blob.Registration;
import io.floe.protocol.committee.Committee;
import io.floe.protocol.committee.Epoch;
import io.floe.protocol.committee.EpochCommittees;
import io.floe.protocol.committee.NodeId;
import io.floe.protocol.committee.StorageNodeInfo;
import io.floe.protocol.ledger.LedgerInfo;
import io.floe.protocol.signing.Ed25519PublicKey;
import io.floe.protocol.signing.NodeConfirmation;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
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
import org.junit.jupiter.api.Test;

/**
 * Reads the gateway refuses. It never serves an invalid blob: reads answer 404 {@code BLOB_INVALID}, even right after
 * a cached read, and a revalidation ({@code If-None-Match}) gets 304 only while the blob is readable. Unreadable and
 * not-certified blobs and malformed ranges get Walrus's aggregator's answers.
 */
class InvalidBlobReadsTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private final ActorTestKit testKit = ActorTestKit.create("invalid-blob-reads");
    private final ExecutorService cpu = Executors.newFixedThreadPool(2);
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final BlobId blobId = BlobId.of(new byte[32]);
    private final Registration certified = new Registration(ObjectId.random(), "gateway", 100, 1000, Epoch.GENESIS,
            new Epoch(5), false, 1, Optional.of(Epoch.GENESIS));
    private volatile BlobRecord record = new BlobRecord(blobId, List.of(certified));
    private ServerBinding binding;
    private Path spool;

    @AfterEach
    void stop() throws Exception {
        if (binding != null) {
            binding.unbind().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        testKit.shutdownTestKit();
        cpu.shutdownNow();
        if (spool != null) {
            Files.deleteIfExists(spool);
        }
    }

    @Test
    void readsOfAnInvalidBlobAnswer404Invalid() throws Exception {
        URI gateway = start();
        // Certified, but its only node is unreachable: the read fails as "not enough slivers" and is cached certified.
        assertEquals(503, get(gateway, "/v1/blobs/" + blobId).statusCode());

        record = new BlobRecord(blobId, List.of(certified), true);
        for (String path : List.of("", "/byte-range?start=0&length=10", "")) {
            HttpResponse<String> read = get(gateway, "/v1/blobs/" + blobId + path);
            assertEquals(404, read.statusCode(), read::body);
            JsonNode error = json(read).path("error");
            assertEquals(ClientRoutes.BLOB_INVALID, error.path("details").path(0).path("reason").asText());
            assertEquals(true, error.path("message").asText().contains("marked invalid"), read::body);
        }
        JsonNode status = json(get(gateway, "/v1/blobs/" + blobId + "/status"));
        assertEquals("invalid", status.path("status").asText());
        assertEquals(true, status.path("invalid").asBoolean());
    }

    @Test
    void aRevalidationAnswers304WithoutReadingUntilTheBlobIsInvalid() throws Exception {
        URI gateway = start();
        // Its only node is unreachable, so a read would answer 503: a 304 proves no read was tried.
        for (String path : List.of("", "/byte-range?start=0&length=10")) {
            String tag = path.isEmpty() ? blobId.toString() : blobId + "-0-10";
            assertEquals(304, get(gateway, "/v1/blobs/" + blobId + path, "If-None-Match", tag).statusCode(), path);
            assertEquals(503, get(gateway, "/v1/blobs/" + blobId + path, "If-None-Match", "other").statusCode());
        }
        record = new BlobRecord(blobId, List.of(certified), true);
        HttpResponse<String> invalid = get(gateway, "/v1/blobs/" + blobId, "If-None-Match", blobId.toString());
        assertEquals(404, invalid.statusCode(), invalid::body);
        assertEquals("*", invalid.headers().firstValue("Access-Control-Allow-Origin").orElse(""));
        HttpResponse<String> preflight = http.send(HttpRequest.newBuilder(URI.create(gateway + "/v1/blobs/" + blobId))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", "http://127.0.0.1:1")
                .header("Access-Control-Request-Method", "GET").timeout(TIMEOUT).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, preflight.statusCode());
        assertEquals("86400", preflight.headers().firstValue("Access-Control-Max-Age").orElse(""));
    }

    @Test
    void unreadableBlobsGetWalrusAnswers() throws Exception {
        URI gateway = start();
        // Certified, but its only node is unreachable: Walrus's GetBlobError::BlobUnavailable, retry with backoff.
        assertWalrusError(get(gateway, "/v1/blobs/" + blobId), 503, "UNAVAILABLE", "BLOB_UNAVAILABLE");
        // Refused before the blob is looked up, as Walrus's aggregator checks them first.
        assertWalrusError(get(gateway, "/v1/blobs/" + blobId + "/byte-range?start=0&length=0"), 400,
                "INVALID_ARGUMENT", "INVALID_BYTE_RANGE");
        assertWalrusError(get(gateway, "/v1/blobs/" + blobId, "Range", "bytes=0-1,4-5"), 416, "RANGE_NOT_SATISFIABLE",
                "INVALID_BYTE_RANGE");

        // Registered, never certified: the blob ID "does not exist" for Walrus's aggregator.
        record = new BlobRecord(blobId, List.of(new Registration(ObjectId.random(), "gateway", 100, 1000,
                Epoch.GENESIS, new Epoch(5), false, 1, Optional.empty())));
        HttpResponse<String> pending = get(gateway, "/v1/blobs/" + blobId + "/byte-range?start=0&length=1");
        assertWalrusError(pending, 404, "NOT_FOUND", "BLOB_NOT_FOUND");
        assertEquals(true, json(pending).path("error").path("message").asText().contains("not certified"),
                pending::body);
    }

    @Test
    void aByteRangeRevalidationChecksItsParametersFirst() throws Exception {
        URI gateway = start();
        String base = "/v1/blobs/" + blobId + "/byte-range";

        // The blob is certified, so a matching If-None-Match would answer 304 if the query were not checked first.
        HttpResponse<String> malformed = get(gateway, base + "?start=abc&length=-1", "If-None-Match", "*");
        assertEquals(400, malformed.statusCode(), malformed::body);
        assertEquals("INVALID_PARAMETER", json(malformed).path("error").path("details").path(0).path("reason").asText());
        assertWalrusError(get(gateway, base + "?start=0&length=0", "If-None-Match", "*"), 400,
                "INVALID_ARGUMENT", "INVALID_BYTE_RANGE");
        HttpResponse<String> revalidated = get(gateway, base + "?start=007&length=3", "If-None-Match", "*");
        assertEquals(304, revalidated.statusCode(), revalidated::body);
        assertEquals(blobId + "-7-3", revalidated.headers().firstValue("ETag").orElseThrow());
    }

    private static void assertWalrusError(HttpResponse<String> response, int code, String status, String reason) {
        assertEquals(code, response.statusCode(), response::body);
        JsonNode error = json(response).path("error");
        assertEquals(code, error.path("code").intValue(), response::body);
        assertEquals(status, error.path("status").asText(), response::body);
        assertEquals(reason, error.path("details").path(0).path("reason").asText(), response::body);
        assertEquals("daemon.walrus.space", error.path("details").path(0).path("domain").asText(), response::body);
    }

    private URI start() throws Exception {
        StorageNodeInfo unreachable = new StorageNodeInfo(new NodeId("n"), "http://127.0.0.1:1",
                Ed25519PublicKey.of(new byte[32]), 1);
        Committee committee = new Committee(Epoch.GENESIS, List.of(unreachable), Collections.nCopies(4, unreachable.id()));
        ControlPlane control = new RecordControlPlane(committee);
        BlobReader reader = new BlobReader(info -> new NodeClient(http, URI.create(info.storageUrl()), TIMEOUT), cpu, 2);
        BlobWriter writer = new BlobWriter(testKit.system(), control,
                info -> new NodeClient(http, URI.create(info.storageUrl()), TIMEOUT),
                cpu, Duration.ofMillis(10), 2);
        spool = Files.createTempDirectory("floe-spool");
        ClientRoutes routes = new ClientRoutes(testKit.system(), control, writer, reader,
                new UploadSettings(1 << 20, spool, 1 << 20), node -> true, cpu);
        binding = Http.get(testKit.system()).newServerAt("127.0.0.1", 0).bind(routes.createRoute())
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
        return URI.create("http://127.0.0.1:" + binding.localAddress().getPort());
    }

    private HttpResponse<String> get(URI base, String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT).GET();
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) {
        return Json.parse(response.body().getBytes(StandardCharsets.UTF_8));
    }

    /** Answers the test's current record of the blob; nothing else is needed by reads. */
    private final class RecordControlPlane extends UnsupportedControlPlane {
        @Override
        public CompletionStage<EpochCommittees> epochs() {
            return CompletableFuture.completedFuture(EpochCommittees.genesis(committee, java.time.Instant.EPOCH,
                    Duration.ofDays(1)));
        }




        private final Committee committee;

        RecordControlPlane(Committee committee) {
            this.committee = committee;
        }

        @Override
        public CompletionStage<Committee> committee() {
            return CompletableFuture.completedFuture(committee);
        }

        @Override
        public CompletionStage<LedgerInfo> ledgerInfo() {
            return CompletableFuture.failedFuture(new UnsupportedOperationException());
        }

        @Override
        public CompletionStage<BlobRecord> blob(BlobId id) {
            return CompletableFuture.completedFuture(record);
        }

        @Override
        public CompletionStage<io.floe.api.control.RegisteredBlob> register(RegisterBlob request) {
            return CompletableFuture.failedFuture(new UnsupportedOperationException());
        }

        @Override
        public CompletionStage<BlobRecord> certify(BlobId id, ObjectId objectId, List<NodeConfirmation> confirmations) {
            return CompletableFuture.failedFuture(new UnsupportedOperationException());
        }

        @Override
        public CompletionStage<BlobRecord> markInvalid(BlobId id, List<NodeConfirmation> signatures) {
            return CompletableFuture.failedFuture(new UnsupportedOperationException());
        }
    }
}
