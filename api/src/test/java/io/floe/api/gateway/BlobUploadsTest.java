package io.floe.api.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.ConfigFactory;
import io.floe.api.HostileAnswers;
import io.floe.api.RawHttp;
import io.floe.api.control.RegisterBlob;
import io.floe.api.json.Json;
import io.floe.encoding.chunks.ChunkLayout;
import io.floe.encoding.chunks.ChunkManifest;
import io.floe.encoding.metadata.BlobId;
import io.floe.encoding.redstuff.BlobEncoder;
import io.floe.encoding.redstuff.EncodingConfig;
import io.floe.protocol.testing.TestKey;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code PUT /v1/blobs} on a real server over the writer's fake nodes at n = {@value BlobWriterFixture#N} (one blob
 * holds at most ~1.8 MB there): an unsigned body larger than one blob is stored as its chunks and then their manifest,
 * whose blob ID answers; a signed body larger than one blob is refused with 413 telling the client to store chunks;
 * the store budget counts the heap a store holds, not its body; the spool folder (where sliver files live too) is
 * empty after a store that succeeded and after one that failed.
 */
class BlobUploadsTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** The unsigned limit, above one blob at n = 10, so larger bodies are chunked. */
    private static final int MAX_BODY = 4 << 20;
    /** Stores at n = 10 hold several MB each: the budget admits one at a time. */
    private static final long BUDGET = 2 << 20;
    /** The fake storage nodes confirm permanent blobs only. */
    private static final String STORE = "/v1/blobs?permanent=true";
    private static final long ONE_BLOB = new EncodingConfig(BlobWriterFixture.N).maxBlobSize();
    private final BlobWriterFixture fixture = new BlobWriterFixture("blob-uploads", ConfigFactory.parseString(
            "floe.http.body-idle-timeout = 1s").withFallback(ConfigFactory.load()));
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private Path spool;
    private URI gateway;

    @BeforeEach
    void start() throws Exception {
        fixture.control.perBlob = true;
        spool = Files.createTempDirectory("floe-spool");
        gateway = fixture.serve(new UploadSettings(MAX_BODY, spool, BUDGET));
    }

    @AfterEach
    void stop() throws Exception {
        fixture.close();
        assertSpoolEmpty();
        Files.deleteIfExists(spool);
    }

    @Test
    void storesAnUnsignedBodyLargerThanOneBlobAsChunksThenTheirManifest() throws Exception {
        byte[] body = random(2 * (int) ONE_BLOB + 12_345, 17);
        ChunkLayout layout = new ChunkLayout(BlobWriterFixture.N, body.length);
        List<BlobId> chunks = new ArrayList<>();
        for (int i = 0; i < layout.chunkCount(); i++) {
            chunks.add(blobId(Arrays.copyOfRange(body, (int) layout.offsetOf(i),
                    (int) (layout.offsetOf(i) + layout.lengthOf(i)))));
        }
        byte[] manifest = new ChunkManifest(layout, chunks).toBytes();

        HttpResponse<String> stored = put(STORE, body);

        assertEquals(200, stored.statusCode(), stored::body);
        JsonNode answer = Json.parse(stored.body().getBytes(StandardCharsets.UTF_8));
        assertEquals(blobId(manifest).toString(), answer.path("newlyCreated").path("blobObject").path("blobId")
                .asText(), stored::body);
        List<BlobId> registered = fixture.control.registerCalls.stream().map(RegisterBlob::blobId).toList();
        List<BlobId> expected = new ArrayList<>(chunks);
        expected.add(blobId(manifest));
        assertEquals(expected, registered, "each chunk, in order, then the manifest");
        assertEquals(List.of(ONE_BLOB, ONE_BLOB, 12_345L, (long) manifest.length), fixture.control.registerCalls
                .stream().map(RegisterBlob::unencodedLength).toList());
        assertSpoolEmpty();
    }

    @Test
    void storesAnUnsignedBodyOfOneBlobAsThatBlob() throws Exception {
        byte[] body = random((int) ONE_BLOB, 3);

        HttpResponse<String> stored = put(STORE, body);

        assertEquals(200, stored.statusCode(), stored::body);
        assertEquals(List.of(blobId(body)), fixture.control.registerCalls.stream().map(RegisterBlob::blobId).toList());
    }

    @Test
    void refusesASignedBodyLargerThanOneBlobWith413SayingToStoreChunks() throws Exception {
        byte[] body = new byte[(int) ONE_BLOB + 1];
        HttpRequest declared = request(STORE).header(SignedEnvelope.HEADER, envelope())
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        HttpRequest streamed = request(STORE).header(SignedEnvelope.HEADER, envelope())
                .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build();

        for (HttpRequest refused : List.of(declared, streamed)) {
            HttpResponse<String> response = http.send(refused, HttpResponse.BodyHandlers.ofString());

            assertError(response, 413, "PAYLOAD_TOO_LARGE");
            assertTrue(response.body().contains("in chunks"), response::body);
        }
        assertEquals(0, fixture.control.registerCalls.size(), "nothing refused was paid for");
    }

    @Test
    void countsTheHeapAStoreHoldsAgainstTheBudgetNotItsBody() throws Exception {
        try (RawHttp held = RawHttp.connect(gateway, TIMEOUT)) {
            // Declares a quarter of the budget in body bytes; encoding and uploading it holds more than the budget.
            held.send("PUT " + STORE + " HTTP/1.1\r\nHost: x\r\nContent-Length: " + BUDGET / 4 + "\r\n\r\nabc");
            GatewayHostileRequestsTest.awaitSpoolFile(spool, TIMEOUT);

            assertError(put(STORE, new byte[1_000]), 503, "PUBLISHER_BUSY");
            // The held upload stalls: 408 after the body bound, and its budget is given back.
            HostileAnswers.assertJsonError(held.response(), 408, "REQUEST_TIMEOUT");
        }
        HttpResponse<String> stored = put(STORE, random(1_000, 5));
        assertEquals(200, stored.statusCode(), stored::body);
    }

    @Test
    void leavesNoSpoolOrSliverFileAfterAFailedStore() throws Exception {
        fixture.control.certification = (committee, confirmations) -> CompletableFuture.failedFuture(
                new StoreFailedException("certification refused by the test"));

        HttpResponse<String> failed = put(STORE, random((int) ONE_BLOB / 2, 11));

        assertEquals(504, failed.statusCode(), failed::body);
        assertSpoolEmpty();
    }

    private HttpResponse<String> put(String path, byte[] body) throws Exception {
        return http.send(request(path).PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(gateway + path)).timeout(TIMEOUT);
    }

    /** An envelope of the right shape; the body is refused for its size before anything checks the signature. */
    private static String envelope() {
        Base64.Encoder b64 = Base64.getEncoder();
        String json = "{\"request\":\"" + b64.encodeToString(new byte[] {1, 2, 3}) + "\",\"publicKey\":\""
                + b64.encodeToString(TestKey.generate().publicKey().bytes()) + "\",\"signature\":\""
                + b64.encodeToString(new byte[64]) + "\"}";
        return b64.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static BlobId blobId(byte[] blob) {
        return new BlobEncoder(new EncodingConfig(BlobWriterFixture.N)).computeMetadata(blob).blobId();
    }

    private static byte[] random(int length, long seed) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private void assertSpoolEmpty() throws Exception {
        try (var files = Files.list(spool)) {
            assertEquals(List.of(), files.toList(), "a store left a spool or sliver file");
        }
    }

    private static void assertError(HttpResponse<String> response, int status, String code) {
        assertEquals(status, response.statusCode(), response::body);
        HostileAnswers.assertErrorShape(response.headers().firstValue("Content-Type").orElse(""), response.body(),
                code);
    }
}
