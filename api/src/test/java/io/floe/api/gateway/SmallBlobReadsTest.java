package io.floe.api.gateway;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.api.ApiPaths;
import io.floe.api.json.Json;
import io.floe.api.node.NodeClient;
import io.floe.api.node.NodeNetwork;
import io.floe.encoding.redstuff.BlobEncoder;
import io.floe.encoding.redstuff.EncodedBlob;
import io.floe.encoding.redstuff.EncodingConfig;
import io.floe.protocol.blob.ObjectId;
import io.floe.protocol.blob.Registration;
import io.floe.protocol.committee.Epoch;
import io.floe.protocol.committee.EpochCommittees;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.util.ByteString;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Small blobs (up to {@link BlobContents#STRICT_BYTES}) are answered at once, without a stream, over real storage-node
 * APIs (four nodes, n = 10): the bytes are the verified ones (a wrong systematic sliver is left out and the blob
 * decoded from others), ranges and HEAD answer as for a streamed blob, and a blob nobody can serve answers 503 before
 * any byte. A larger blob is not offered at once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SmallBlobReadsTest {
    private static final int N = 10;
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private final ActorTestKit testKit = ActorTestKit.create("small-blob-reads");
    private final ExecutorService cpu = Executors.newFixedThreadPool(2);
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private NodeNetwork nodes;
    private StubControlPlane control;
    private BlobReader reader;
    private TestGateway server;
    private URI gateway;

    @BeforeAll
    void start() throws Exception {
        nodes = new NodeNetwork(testKit.system(), 4, N);
        control = new StubControlPlane(EpochCommittees.genesis(nodes.committee(), Instant.EPOCH, Duration.ofDays(1)));
        control.registration = new Registration(ObjectId.random(), "gateway", 100, 1000, Epoch.GENESIS, new Epoch(5),
                false, 1, Optional.of(Epoch.GENESIS));
        reader = new BlobReader(info -> new NodeClient(http, URI.create(info.storageUrl()), TIMEOUT), cpu, 2,
                new SimpleMeterRegistry(), ReadSettings.DEFAULT);
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
    void aSmallBlobIsAnsweredWithItsVerifiedBytesWithRangesAndHead() throws Exception {
        byte[] original = bytes(1024, 1);
        EncodedBlob blob = encode(original);
        // Systematic sliver 1 is served with a flipped byte: it must be left out, never served.
        nodes.store(blob, Set.of(), Set.of(1), false);
        String path = ApiPaths.blob(blob.blobId());

        HttpResponse<byte[]> whole = get(path);
        HttpResponse<byte[]> range = get(path, "Range", "bytes=100-899");
        HttpResponse<byte[]> byteRange = get(ApiPaths.byteRange(blob.blobId()) + "?start=1000&length=24");
        HttpResponse<byte[]> head = http.send(HttpRequest.newBuilder(URI.create(gateway + path)).timeout(TIMEOUT)
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofByteArray());

        assertEquals(200, whole.statusCode());
        assertArrayEquals(original, whole.body());
        assertEquals("1024", whole.headers().firstValue("Content-Length").orElseThrow());
        assertEquals(blob.blobId().toString(), whole.headers().firstValue("ETag").orElseThrow());
        assertEquals(206, range.statusCode());
        assertEquals("bytes 100-899/1024", range.headers().firstValue("Content-Range").orElseThrow());
        assertArrayEquals(Arrays.copyOfRange(original, 100, 900), range.body());
        assertArrayEquals(Arrays.copyOfRange(original, 1000, 1024), byteRange.body());
        assertEquals(200, head.statusCode());
        assertEquals("1024", head.headers().firstValue("Content-Length").orElseThrow());
        assertEquals(0, head.body().length);
    }

    @Test
    void aSmallBlobNobodyCanServeAnswers503() throws Exception {
        EncodedBlob blob = encode(bytes(2000, 2));
        nodes.store(blob, IntStream.range(0, N).boxed().collect(Collectors.toSet()), Set.of(), true);

        HttpResponse<byte[]> read = get(ApiPaths.blob(blob.blobId()));

        assertEquals(503, read.statusCode());
        assertEquals("BLOB_UNAVAILABLE",
                Json.parse(read.body()).path("error").path("details").path(0).path("reason").asText());
    }

    @Test
    void onlyBlobsUpToTheStrictSizeAreOfferedAtOnce() throws Exception {
        byte[] small = bytes((int) BlobContents.STRICT_BYTES, 3);
        EncodedBlob smallBlob = encode(small);
        EncodedBlob largeBlob = encode(bytes((int) BlobContents.STRICT_BYTES + 1, 4));
        nodes.store(smallBlob);
        nodes.store(largeBlob);
        BlobContents contents = new BlobContents(reader, id -> CompletableFuture.completedFuture(null),
                Materializer.matFromSystem(testKit.system()));
        EpochCommittees epochs = control.epochs().toCompletableFuture().get();
        CompletableFuture<Object> readable = CompletableFuture.completedFuture(null);

        BlobContents.Content smallContent = contents.open(epochs, smallBlob.blobId(), readable)
                .get(20, TimeUnit.SECONDS);
        BlobContents.Content largeContent = contents.open(epochs, largeBlob.blobId(), readable)
                .get(20, TimeUnit.SECONDS);

        ByteString tail = smallContent.strictRange(small.length - 10, 10).orElseThrow().get(20, TimeUnit.SECONDS);
        assertArrayEquals(Arrays.copyOfRange(small, small.length - 10, small.length), tail.toArray());
        assertTrue(smallContent.strictRange(0, 0).isEmpty());
        assertTrue(largeContent.strictRange(0, 10).isEmpty());
    }

    private HttpResponse<byte[]> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway + path)).GET().timeout(TIMEOUT);
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
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
