package io.floe.api.gateway;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.floe.api.ApiPaths;
import io.floe.api.json.Json;
import io.floe.api.node.NodeClient;
import io.floe.api.node.NodeNetwork;
import io.floe.encoding.chunks.ChunkLayout;
import io.floe.encoding.chunks.ChunkManifest;
import io.floe.encoding.metadata.BlobId;
import io.floe.encoding.redstuff.BlobEncoder;
import io.floe.encoding.redstuff.EncodedBlob;
import io.floe.encoding.redstuff.EncodingConfig;
import io.floe.metrics.MetricNames;
import io.floe.protocol.blob.ObjectId;
import io.floe.protocol.blob.Registration;
import io.floe.protocol.committee.Epoch;
import io.floe.protocol.committee.EpochCommittees;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import io.floe.protocol.blob.BlobRecord;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.javadsl.Sink;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The gateway's streamed reads over real storage-node APIs (four nodes, n = 10): a blob of several slivers is served
 * one verified sliver at a time (a window of one, so every sliver is its own step), a missing or wrong systematic
 * sliver is rebuilt from recovery symbols, a sliver that cannot be had cuts the body short (or answers 503 when it
 * is the first), and a chunked stream (chunks plus a manifest blob) reads whole, by Range across chunk borders, and
 * through {@code /chunks}; a chunk that is the wrong length or not readable is refused before the first byte or cuts
 * the body after it; the read budget refuses a read that can get none of it; a HEAD fetches no sliver; a small blob
 * (with the default settings) is answered at once from verified slivers, a larger one is not offered so. The tests share one network: each stores blobs of its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StreamingReadsTest {
    private static final int N = 10;
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private final ActorTestKit testKit = ActorTestKit.create("streaming-reads");
    private final ExecutorService cpu = Executors.newFixedThreadPool(2);
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private NodeNetwork nodes;
    private final MeterRegistry registry = new SimpleMeterRegistry();
    private TestGateway server;
    private URI gateway;
    private StubControlPlane control;
    private BlobReader reader;

    @BeforeAll
    void start() throws Exception {
        nodes = new NodeNetwork(testKit.system(), 4, N);
        control = new StubControlPlane(EpochCommittees.genesis(nodes.committee(), Instant.EPOCH,
                Duration.ofDays(1)));
        control.registration = new Registration(ObjectId.random(), "gateway", 100, 1000, Epoch.GENESIS, new Epoch(5),
                false, 1, Optional.of(Epoch.GENESIS));
        // Every blob is streamed, one sliver at a time.
        reader = new BlobReader(info -> new NodeClient(http, URI.create(info.storageUrl()), TIMEOUT), cpu,
                2, registry, new ReadSettings(1, 0));
        server = new TestGateway(testKit.system(), control, reader, http, cpu);
        gateway = server.url;
    }

    @AfterAll
    void stop() throws Exception {
        server.close();
        nodes.close();
        testKit.shutdownTestKit();
        cpu.shutdownNow();
    }

    @Test
    void streamsABlobOfSeveralSliversWithRangesAndHead() throws Exception {
        byte[] original = bytes(300_000, 1);
        EncodedBlob blob = encode(original);
        nodes.store(blob);
        String path = ApiPaths.blob(blob.blobId());

        HttpResponse<byte[]> whole = get(path);
        assertEquals(200, whole.statusCode());
        assertArrayEquals(original, whole.body());
        assertEquals("300000", whole.headers().firstValue("Content-Length").orElseThrow());
        assertEquals(blob.blobId().toString(), whole.headers().firstValue("ETag").orElseThrow());
        awaitCounted("ok", 1);
        assertTrue(registry.get(MetricNames.GATEWAY_SERVED_BYTES).counter().count() >= original.length);
        assertTrue(registry.get(GatewayMetrics.READ_PHASE).tag("phase", "slivers").timer().count() > 0);

        HttpResponse<byte[]> range = get(path, "Range", "bytes=70000-230000");
        assertEquals(206, range.statusCode());
        assertArrayEquals(Arrays.copyOfRange(original, 70_000, 230_001), range.body());
        assertEquals("bytes 70000-230000/300000", range.headers().firstValue("Content-Range").orElseThrow());
        HttpResponse<byte[]> byteRange = get(ApiPaths.byteRange(blob.blobId()) + "?start=299990&length=10");
        assertArrayEquals(Arrays.copyOfRange(original, 299_990, 300_000), byteRange.body());

        HttpResponse<byte[]> head = send(HttpRequest.newBuilder(URI.create(gateway + path))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()));
        assertEquals(200, head.statusCode());
        assertEquals("300000", head.headers().firstValue("Content-Length").orElseThrow());
        assertEquals(0, head.body().length);
    }

    @Test
    void rebuildsAMissingAndAWrongSystematicSliver() throws Exception {
        byte[] original = bytes(250_000, 2);
        EncodedBlob blob = encode(original);
        nodes.store(blob, Set.of(1), Set.of(2), false);

        HttpResponse<byte[]> read = get(ApiPaths.blob(blob.blobId()));

        assertEquals(200, read.statusCode());
        assertArrayEquals(original, read.body());
    }

    @Test
    void aSliverNobodyCanServeCutsTheBodyOrAnswers503WhenItIsTheFirst() throws Exception {
        EncodedBlob later = encode(bytes(250_000, 3));
        nodes.store(later, Set.of(2), Set.of(), true);
        // Headers and the first slivers went out: the body stops short, never with a wrong byte.
        assertThrows(IOException.class, () -> get(ApiPaths.blob(later.blobId())));

        EncodedBlob first = encode(bytes(250_000, 4));
        nodes.store(first, Set.of(0), Set.of(), true);
        HttpResponse<byte[]> read = get(ApiPaths.blob(first.blobId()));
        assertEquals(503, read.statusCode());
        // A HEAD answers from the metadata alone: no sliver is fetched, so the missing one does not matter.
        HttpResponse<byte[]> head = send(HttpRequest.newBuilder(URI.create(gateway + ApiPaths.blob(first.blobId())))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()));
        assertEquals(200, head.statusCode());
        assertEquals("250000", head.headers().firstValue("Content-Length").orElseThrow());
        assertEquals("BLOB_UNAVAILABLE", json(read).path("error").path("details").path(0).path("reason").asText());
        awaitCounted("failed", 2);
    }

    @Test
    void readsAChunkedStreamWholeAcrossChunkBordersAndListsItsChunks() throws Exception {
        Chunked stored = chunked(123_456, 5);
        ChunkLayout layout = stored.layout();
        byte[] original = stored.original();
        List<BlobId> ids = stored.ids();
        BlobId manifest = stored.manifest();
        String path = ApiPaths.blob(manifest);

        HttpResponse<byte[]> whole = get(path);
        assertEquals(200, whole.statusCode());
        assertEquals(String.valueOf(original.length), whole.headers().firstValue("Content-Length").orElseThrow());
        assertArrayEquals(original, whole.body());
        long border = layout.chunkSize();
        HttpResponse<byte[]> across = get(path, "Range", "bytes=" + (border - 1000) + "-" + (border + 999));
        assertEquals(206, across.statusCode());
        assertArrayEquals(Arrays.copyOfRange(original, (int) border - 1000, (int) border + 1000), across.body());
        HttpResponse<byte[]> tail = get(ApiPaths.byteRange(manifest) + "?start=" + (2 * border - 5)
                + "&length=" + (original.length - 2 * border + 5));
        assertArrayEquals(Arrays.copyOfRange(original, (int) (2 * border - 5), original.length), tail.body());

        JsonNode chunks = json(get(ApiPaths.chunks(manifest)));
        assertTrue(chunks.path("chunked").asBoolean());
        assertEquals(original.length, chunks.path("totalLength").asLong());
        assertEquals(N, chunks.path("nShards").asInt());
        assertEquals(border, chunks.path("chunkSize").asLong());
        assertEquals(3, chunks.path("chunks").size());
        assertEquals(ids.get(2).toString(), chunks.path("chunks").path(2).path("blobId").asText());
        assertEquals(2 * border, chunks.path("chunks").path(2).path("offset").asLong());
        assertEquals(123_456, chunks.path("chunks").path(2).path("length").asLong());
        JsonNode ordinary = json(get(ApiPaths.chunks(ids.get(0))));
        assertEquals(false, ordinary.path("chunked").asBoolean());
        assertEquals(border, ordinary.path("totalLength").asLong());
    }

    @Test
    void aChunkOfTheWrongLengthOrNotReadableIsRefusedBeforeTheFirstByteAndCutsTheBodyAfter() throws Exception {
        Chunked stored = chunked(1000, 6);
        ChunkLayout layout = stored.layout();
        List<BlobId> ids = stored.ids();
        BlobId good = stored.manifest();
        BlobId shortSecond = storeManifest(layout, List.of(ids.get(0), ids.get(2), ids.get(2)));
        BlobId shortFirst = storeManifest(layout, List.of(ids.get(2), ids.get(1), ids.get(2)));

        // Chunk 1 is 1000 bytes, the layout says chunkSize: chunk 0 went out, then the body stops.
        assertThrows(IOException.class, () -> get(ApiPaths.blob(shortSecond)));
        HttpResponse<byte[]> refused = get(ApiPaths.blob(shortFirst));
        assertEquals(404, refused.statusCode());
        assertEquals(ClientRoutes.BLOB_INVALID, reason(refused));

        // A chunk marked invalid is never served, even when its nodes still hold it.
        control.records.put(ids.get(1), new BlobRecord(ids.get(1), List.of(control.registration), true));
        long border = layout.chunkSize();
        HttpResponse<byte[]> first = get(ApiPaths.blob(good), "Range", "bytes=0-" + (border - 1));
        assertArrayEquals(Arrays.copyOfRange(stored.original(), 0, (int) border), first.body());
        HttpResponse<byte[]> invalid = get(ApiPaths.blob(good), "Range", "bytes=" + border + "-" + (border + 9));
        assertEquals(404, invalid.statusCode());
        assertEquals(ClientRoutes.BLOB_INVALID, reason(invalid));
        assertThrows(IOException.class, () -> get(ApiPaths.blob(good)));

        // No quilt is larger than max-body-size (1 MiB here): a chunk is refused before it is read.
        HttpResponse<byte[]> quilt = get(ApiPaths.quiltPatch(ids.get(0), "x"));
        assertEquals(400, quilt.statusCode());
        assertEquals(QuiltRoutes.NOT_A_QUILT, reason(quilt));

        // An empty range of a chunked blob is empty, whichever chunk it starts in.
        BlobContents contents = new BlobContents(reader, id -> CompletableFuture.completedFuture(null),
                Materializer.matFromSystem(testKit.system()));
        BlobContents.Content content = contents.open(epochs(), good, CompletableFuture.completedFuture(null)).get(20, TimeUnit.SECONDS);
        assertEquals(layout.totalLength(), content.length());
        assertEquals(0, content.range(border, 0).runWith(Sink.seq(), testKit.system()).toCompletableFuture()
                .get(20, TimeUnit.SECONDS).size());
    }

    @Test
    void aReadThatCannotGetAnyOfTheReadBudgetAnswers503() throws Exception {
        byte[] original = bytes(200_000, 7);
        EncodedBlob blob = encode(original);
        nodes.store(blob);
        BlobReader tight = new BlobReader(info -> new NodeClient(http, URI.create(info.storageUrl()), TIMEOUT), cpu,
                2, new SimpleMeterRegistry(), new ReadSettings(1, 0, 1));
        try (TestGateway busy = new TestGateway(testKit.system(), control, tight, http, cpu)) {
            BlobContents contents = new BlobContents(tight, id -> CompletableFuture.completedFuture(null),
                    Materializer.matFromSystem(testKit.system()));
            // One read alone runs whatever it needs, and holds the budget until its stream ends.
            var held = contents.open(epochs(), blob.blobId(), CompletableFuture.completedFuture(null)).get(20, TimeUnit.SECONDS).range(0, original.length)
                    .runWith(Sink.queue(), testKit.system());
            held.pull().toCompletableFuture().get(20, TimeUnit.SECONDS);

            HttpResponse<byte[]> refused = http.send(HttpRequest.newBuilder(URI.create(busy.url
                    + ApiPaths.blob(blob.blobId()))).timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(503, refused.statusCode());
            assertEquals(ClientRoutes.AGGREGATOR_BUSY, reason(refused));

            held.cancel();
            HttpResponse<byte[]> served = awaitServed(busy.url + ApiPaths.blob(blob.blobId()));
            assertArrayEquals(original, served.body());
        }
    }

    @Test
    void aSmallBlobIsAnsweredAtOnceWithItsVerifiedBytes() throws Exception {
        byte[] original = bytes(1024, 9);
        EncodedBlob blob = encode(original);
        // Systematic sliver 1 is served with a flipped byte: left out, the blob decoded from the other slivers.
        nodes.store(blob, Set.of(), Set.of(1), false);
        EncodedBlob lost = encode(bytes(2000, 10));
        nodes.store(lost, IntStream.range(0, N).boxed().collect(Collectors.toSet()), Set.of(), true);
        EncodedBlob large = encode(bytes((int) BlobContents.STRICT_BYTES + 1, 11));
        nodes.store(large);
        BlobReader whole = new BlobReader(info -> new NodeClient(http, URI.create(info.storageUrl()), TIMEOUT), cpu,
                2, new SimpleMeterRegistry(), ReadSettings.DEFAULT);
        try (TestGateway small = new TestGateway(testKit.system(), control, whole, http, cpu)) {
            String path = small.url + ApiPaths.blob(blob.blobId());
            HttpResponse<byte[]> read = send(HttpRequest.newBuilder(URI.create(path)));
            HttpResponse<byte[]> range = send(HttpRequest.newBuilder(URI.create(path))
                    .header("Range", "bytes=100-899"));
            HttpResponse<byte[]> unavailable = send(HttpRequest.newBuilder(URI.create(small.url
                    + ApiPaths.blob(lost.blobId()))));
            BlobContents contents = new BlobContents(whole, id -> CompletableFuture.completedFuture(null),
                    Materializer.matFromSystem(testKit.system()));
            CompletableFuture<Object> readable = CompletableFuture.completedFuture(null);
            BlobContents.Content smallContent = contents.open(epochs(), blob.blobId(), readable)
                    .get(20, TimeUnit.SECONDS);
            BlobContents.Content largeContent = contents.open(epochs(), large.blobId(), readable)
                    .get(20, TimeUnit.SECONDS);

            assertEquals(200, read.statusCode());
            assertArrayEquals(original, read.body());
            assertEquals("1024", read.headers().firstValue("Content-Length").orElseThrow());
            assertEquals(206, range.statusCode());
            assertArrayEquals(Arrays.copyOfRange(original, 100, 900), range.body());
            assertEquals(503, unavailable.statusCode());
            assertEquals("BLOB_UNAVAILABLE", reason(unavailable));
            assertArrayEquals(Arrays.copyOfRange(original, 1014, 1024),
                    smallContent.strictRange(1014, 10).orElseThrow().get(20, TimeUnit.SECONDS).toArray());
            assertTrue(smallContent.strictRange(0, 0).isEmpty());
            assertTrue(largeContent.strictRange(0, 10).isEmpty());
        }
    }

    /** The budget is released when the held stream's cancellation reaches it, just after {@code cancel}. */
    private HttpResponse<byte[]> awaitServed(String url) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        HttpResponse<byte[]> answer;
        do {
            answer = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } while (answer.statusCode() == 503 && System.nanoTime() < deadline);
        assertEquals(200, answer.statusCode());
        return answer;
    }

    /** A chunked stream stored: two full chunks and one of {@code tail} bytes, and its manifest. */
    private record Chunked(ChunkLayout layout, byte[] original, List<BlobId> ids, BlobId manifest) {
    }

    private Chunked chunked(int tail, long seed) {
        ChunkLayout layout = new ChunkLayout(N, 2 * new EncodingConfig(N).maxBlobSize() + tail);
        byte[] original = bytes((int) layout.totalLength(), seed);
        List<BlobId> ids = storeChunks(layout, original);
        return new Chunked(layout, original, ids, storeManifest(layout, ids));
    }

    private List<BlobId> storeChunks(ChunkLayout layout, byte[] original) {
        List<BlobId> ids = new ArrayList<>();
        for (int i = 0; i < layout.chunkCount(); i++) {
            int offset = (int) layout.offsetOf(i);
            EncodedBlob chunk = encode(Arrays.copyOfRange(original, offset, offset + (int) layout.lengthOf(i)));
            nodes.store(chunk);
            ids.add(chunk.blobId());
        }
        return ids;
    }

    private BlobId storeManifest(ChunkLayout layout, List<BlobId> ids) {
        EncodedBlob manifest = encode(new ChunkManifest(layout, ids).toBytes());
        nodes.store(manifest);
        return manifest.blobId();
    }

    private EpochCommittees epochs() throws Exception {
        return control.epochs().toCompletableFuture().get(20, TimeUnit.SECONDS);
    }

    private static String reason(HttpResponse<byte[]> response) {
        return json(response).path("error").path("details").path(0).path("reason").asText();
    }

    /** Reads are counted when their stream ends, which may be just after the client has its answer. */
    private void awaitCounted(String outcome, double atLeast) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (reads(outcome) < atLeast && System.nanoTime() < deadline) {
            LockSupport.parkNanos(1_000_000);
        }
        assertTrue(reads(outcome) >= atLeast, outcome + " reads: " + reads(outcome));
    }

    private double reads(String outcome) {
        var counter = registry.find(MetricNames.GATEWAY_READS).tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    private HttpResponse<byte[]> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway + path)).GET();
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request);
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static JsonNode json(HttpResponse<byte[]> response) {
        return Json.parse(response.body());
    }

    private static EncodedBlob encode(byte[] data) {
        return new BlobEncoder(new EncodingConfig(N)).encode(data);
    }

    private static byte[] bytes(int size, long seed) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }
}
