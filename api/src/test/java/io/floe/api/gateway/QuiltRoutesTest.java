package io.floe.api.gateway;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.floe.api.ApiPaths;
import io.floe.api.RawHttp;
import io.floe.api.json.Json;
import io.floe.encoding.metadata.BlobId;
import io.floe.encoding.quilt.Quilt;
import io.floe.encoding.quilt.QuiltEncoder;
import io.floe.encoding.quilt.QuiltFile;
import io.floe.encoding.quilt.QuiltPatch;
import io.floe.encoding.quilt.QuiltPatchId;
import io.floe.encoding.redstuff.BlobEncoder;
import io.floe.encoding.redstuff.EncodedBlob;
import io.floe.encoding.redstuff.EncodingConfig;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The gateway's quilt routes over fake storage nodes: {@code PUT /v1/quilts} answers Walrus's
 * {@code QuiltStoreResult} with the blob ID and patch IDs Floe's codec gives, and every patch reads back by patch ID
 * and by identifier, with its identifier and allowed tags as headers; the listing is Walrus's; refusals are 4xx.
 */
class QuiltRoutesTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final String BOUNDARY = "floe-quilt-test-boundary";
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final Map<String, byte[]> files = new LinkedHashMap<>();
    private BlobWriterFixture fixture;
    private ServerBinding binding;
    private Path spool;
    private URI gateway;

    @BeforeEach
    void start() throws Exception {
        fixture = new BlobWriterFixture("quilt-routes");
        spool = Files.createTempDirectory("floe-spool");
        BlobReader reader = new BlobReader(info -> new io.floe.api.node.NodeClient(http,
                URI.create(info.storageUrl()), TIMEOUT), fixture.cpu(), 2);
        ClientRoutes routes = new ClientRoutes(fixture.system(), fixture.control, fixture.writer, reader,
                new UploadSettings(1 << 20, spool, 1 << 20), node -> true, fixture.cpu());
        binding = Http.get(fixture.system()).newServerAt("127.0.0.1", 0).bind(routes.createRoute())
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
        gateway = URI.create("http://127.0.0.1:" + binding.localAddress().getPort());
        files.put("readme.txt", "hello quilt".getBytes(StandardCharsets.UTF_8));
        files.put("logo.png", new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13, 'I', 'H', 'D', 'R'});
        files.put("empty", new byte[0]);
    }

    @AfterEach
    void stop() throws Exception {
        binding.terminate(Duration.ofSeconds(1)).toCompletableFuture().get(10, TimeUnit.SECONDS);
        fixture.close();
        // A held upload's spool file may still be on its way out.
        try (var listed = Files.list(spool)) {
            listed.forEach(f -> f.toFile().delete());
        }
        Files.deleteIfExists(spool);
    }

    @Test
    void storesAQuiltAndServesEveryPatch() throws Exception {
        String metadata = "[{\"identifier\":\"logo.png\",\"tags\":{\"content-type\":\"image/png\",\"author\":\"floe\","
                + "\"width\":16}}]";
        HttpResponse<String> stored = put("/v1/quilts?epochs=2&permanent=true", metadata);
        assertEquals(200, stored.statusCode(), stored::body);
        Quilt quilt = expectedQuilt();
        EncodedBlob blob = new BlobEncoder(new EncodingConfig(BlobWriterFixture.N)).encode(quilt.bytes());
        JsonNode answer = json(stored.body());
        assertEquals(blob.blobId().toString(),
                answer.path("blobStoreResult").path("newlyCreated").path("blobObject").path("blobId").asText());
        List<String> patchIds = new ArrayList<>();
        for (int i = 0; i < quilt.patches().size(); i++) {
            QuiltPatch patch = quilt.patches().get(i);
            JsonNode item = answer.path("storedQuiltBlobs").path(i);
            assertEquals(patch.identifier(), item.path("identifier").asText());
            assertEquals(patch.id(blob.blobId()).toString(), item.path("quiltPatchId").asText());
            patchIds.add(item.path("quiltPatchId").asText());
        }
        fixture.nodes.forEach(node -> node.blob = blob);

        for (int i = 0; i < patchIds.size(); i++) {
            String identifier = quilt.patches().get(i).identifier();
            for (String path : List.of(ApiPaths.quiltPatch(patchIds.get(i)),
                    ApiPaths.quiltPatch(blob.blobId(), identifier))) {
                HttpResponse<byte[]> read = getBytes(path);
                assertEquals(200, read.statusCode(), path);
                assertArrayEquals(files.get(identifier), read.body(), path);
                assertEquals(identifier, read.headers().firstValue(ApiPaths.QUILT_PATCH_IDENTIFIER_HEADER).orElseThrow());
                String type = read.headers().firstValue("Content-Type").orElseThrow();
                assertEquals(identifier.equals("logo.png") ? "image/png" : "application/octet-stream", type);
                assertTrue(read.headers().firstValue("author").isEmpty(), "tags not allowed as headers stay out");
            }
        }
        JsonNode list = json(get(ApiPaths.quiltPatches(blob.blobId())).body());
        assertEquals(3, list.size());
        assertEquals("empty", list.path(0).path("identifier").asText());
        assertEquals(patchIds.get(1), list.path(1).path("patch_id").asText());
        assertEquals("16", list.path(1).path("tags").path("width").asText());
        assertEquals(0, list.path(0).path("tags").size());
    }

    @Test
    void sendsANonAsciiIdentifierAsItsRawUtf8Bytes() throws Exception {
        files.clear();
        String cafe = "caf\u00e9 \u00fc+%.txt";
        files.put(cafe, "menu".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> stored = put("/v1/quilts?permanent=true", null);
        assertEquals(200, stored.statusCode(), stored::body);
        String patchId = json(stored.body()).path("storedQuiltBlobs").path(0).path("quiltPatchId").asText();
        List<QuiltFile> quiltFiles = List.of(new QuiltFile(cafe, files.get(cafe), new TreeMap<>()));
        EncodedBlob blob = new BlobEncoder(new EncodingConfig(BlobWriterFixture.N))
                .encode(QuiltEncoder.encode(quiltFiles, BlobWriterFixture.N).bytes());
        fixture.nodes.forEach(node -> node.blob = blob);

        HttpResponse<byte[]> read = getBytes(ApiPaths.quiltPatch(patchId));

        assertEquals(200, read.statusCode());
        // The JDK client reads header bytes as Latin-1: its chars are the bytes that arrived.
        String header = read.headers().firstValue(ApiPaths.QUILT_PATCH_IDENTIFIER_HEADER).orElseThrow();
        assertArrayEquals(cafe.getBytes(StandardCharsets.UTF_8), header.getBytes(StandardCharsets.ISO_8859_1));
        assertTrue(QuiltRoutes.identifierHeader("tab\tok").isPresent());
        assertTrue(QuiltRoutes.identifierHeader("bell\u0007").isEmpty(), "a control character cannot be sent");
        assertTrue(QuiltRoutes.identifierHeader("del\u007f").isEmpty(), "a control character cannot be sent");
    }

    @Test
    void refusesWhatWalrusRefuses() throws Exception {
        assertEquals("MALFORMED_REQUEST", reason(putParts("/v1/quilts", Map.of(), null)));
        assertEquals("MALFORMED_REQUEST", reason(put("/v1/quilts", "{\"not\":\"an array\"}")));
        assertEquals("INVALID_PARAMETER", reason(put("/v1/quilts?quilt_version=v2", null)));
        assertEquals("INVALID_PARAMETER", reason(put("/v1/quilts?epoch=2", null)));
        assertEquals("MALFORMED_REQUEST", reason(putParts("/v1/quilts", Map.of("trailing ", new byte[1]), null)));
        assertEquals(200, put("/v1/quilts?quilt_version=V1&permanent=true", null).statusCode());

        Quilt quilt = expectedQuilt();
        EncodedBlob blob = new BlobEncoder(new EncodingConfig(BlobWriterFixture.N)).encode(quilt.bytes());
        fixture.nodes.forEach(node -> node.blob = blob);
        assertEquals("INVALID_QUILT_PATCH_ID", reason(get(ApiPaths.quiltPatch("not-a-patch-id"))));
        assertEquals("INVALID_QUILT_PATCH_ID", reason(get(ApiPaths.quiltPatch(blob.blobId().toString()))));
        assertEquals(QuiltRoutes.QUILT_PATCH_NOT_FOUND, reason(get(ApiPaths.quiltPatch(blob.blobId(), "nope"))));
        String wrongColumns = new QuiltPatchId(blob.blobId(), 5, 6).toString();
        assertEquals(QuiltRoutes.QUILT_PATCH_NOT_FOUND, reason(get(ApiPaths.quiltPatch(wrongColumns))));

        EncodedBlob notQuilt = new BlobEncoder(new EncodingConfig(BlobWriterFixture.N))
                .encode("just a blob".getBytes(StandardCharsets.UTF_8));
        fixture.nodes.forEach(node -> node.blob = notQuilt);
        HttpResponse<String> listing = get(ApiPaths.quiltPatches(notQuilt.blobId()));
        assertEquals(400, listing.statusCode(), listing::body);
        assertEquals(QuiltRoutes.NOT_A_QUILT, reason(listing));
    }

    @Test
    void refusesAQuiltWhoseBlobExceedsTheBodyLimit() throws Exception {
        // 200 kB of body, but each tiny file takes a whole column of the big one's symbol size: ~7 x 200 kB.
        Map<String, byte[]> amplified = new LinkedHashMap<>();
        for (int i = 0; i < 5; i++) {
            amplified.put("tiny" + i, new byte[1]);
        }
        amplified.put("big", new byte[200_000]);

        HttpResponse<String> refused = putParts("/v1/quilts", amplified, null);

        assertEquals(413, refused.statusCode(), refused::body);
        assertEquals(QuiltUploads.QUILT_TOO_LARGE, json(refused.body()).path("error").path("details").path(0)
                .path("reason").asText());
        assertTrue(refused.body().contains(String.valueOf(1 << 20)), refused::body);
        assertEquals(0, fixture.nodes.get(0).uploads.get(), "nothing was stored");
    }

    @Test
    void refusesAQuiltWhileBlobStoresHoldTheBudget() throws Exception {
        try (RawHttp held = RawHttp.connect(gateway, TIMEOUT)) {
            // A blob upload that declares the whole budget and sends a little: it holds the budget while it lasts.
            held.send("PUT /v1/blobs HTTP/1.1\r\nHost: x\r\nContent-Length: " + (1 << 20) + "\r\n\r\nabc");
            GatewayHostileRequestsTest.awaitSpoolFile(spool, TIMEOUT);

            HttpResponse<String> refused = put("/v1/quilts", null);

            assertEquals(503, refused.statusCode(), refused::body);
            assertEquals("PUBLISHER_BUSY", json(refused.body()).path("error").path("details").path(0)
                    .path("reason").asText());
        }
    }

    @Test
    void refusesMalformedFormsWith400() throws Exception {
        String parts = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nabc\r\n--" + BOUNDARY
                + "--\r\n";
        assertEquals("MALFORMED_REQUEST", reason(putRaw("application/json", "{}")));
        assertEquals("MALFORMED_REQUEST", reason(putRaw("multipart/form-data", parts)));
        assertEquals("MALFORMED_REQUEST", reason(putRaw("multipart/form-data; boundary=" + BOUNDARY,
                parts.substring(0, 60))));
    }

    @Test
    void refusesSignedQuiltStores() throws Exception {
        HttpResponse<String> refused = http.send(HttpRequest.newBuilder(URI.create(gateway + "/v1/quilts"))
                .timeout(TIMEOUT).header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .header(SignedEnvelope.HEADER, "e30=").PUT(HttpRequest.BodyPublishers.ofString("--" + BOUNDARY
                        + "--\r\n")).build(), HttpResponse.BodyHandlers.ofString());

        assertEquals(QuiltUploads.SIGNED_QUILTS_UNSUPPORTED, reason(refused));
        assertTrue(refused.body().contains("not supported"), refused::body);
    }

    private HttpResponse<String> putRaw(String contentType, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(gateway + "/v1/quilts")).timeout(TIMEOUT)
                .header("Content-Type", contentType).PUT(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The quilt the test's files and tags make for the fixture's shard count. */
    private Quilt expectedQuilt() {
        List<QuiltFile> quiltFiles = new ArrayList<>();
        files.forEach((name, bytes) -> quiltFiles.add(new QuiltFile(name, bytes, name.equals("logo.png")
                ? new TreeMap<>(Map.of("content-type", "image/png", "author", "floe", "width", "16"))
                : new TreeMap<>())));
        return QuiltEncoder.encode(quiltFiles, BlobWriterFixture.N);
    }

    private HttpResponse<String> put(String path, String metadata) throws Exception {
        return putParts(path, files, metadata);
    }

    private HttpResponse<String> putParts(String path, Map<String, byte[]> parts, String metadata) throws Exception {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Map.Entry<String, byte[]> part : parts.entrySet()) {
            body.write(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + part.getKey()
                    + "\"; filename=\"" + part.getKey() + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            body.write(part.getValue());
            body.write("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        if (metadata != null) {
            body.write(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"_metadata\"\r\n\r\n" + metadata
                    + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        body.write(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return http.send(HttpRequest.newBuilder(URI.create(gateway + path)).timeout(TIMEOUT)
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(gateway + path)).timeout(TIMEOUT).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<byte[]> getBytes(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(gateway + path)).timeout(TIMEOUT).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String reason(HttpResponse<String> response) {
        assertTrue(response.statusCode() >= 400 && response.statusCode() < 500, response::body);
        return json(response.body()).path("error").path("details").path(0).path("reason").asText();
    }

    private static JsonNode json(String body) {
        return Json.parse(body.getBytes(StandardCharsets.UTF_8));
    }
}
