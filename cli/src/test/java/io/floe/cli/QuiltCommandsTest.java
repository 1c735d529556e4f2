package io.floe.cli;

import static io.floe.cli.CliAssertions.assertFailure;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.floe.api.ApiPaths;
import io.floe.cli.client.FakeGateway;
import io.floe.cli.client.QuiltClient;
import io.floe.encoding.metadata.BlobId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quilt commands against a fake gateway that speaks the plan's quilt contract (Walrus's routes and JSON): what
 * they send (multipart parts named by identifier, {@code _metadata} tags) and how they read the answers.
 */
class QuiltCommandsTest {
    private static final String QUILT = FakeGateway.BLOB_ID;
    private static final String PATCH_A = patchId(1, 2);
    private static final String PATCH_B = patchId(2, 3);
    private static final String LIST = "[{\"identifier\":\"a.txt\",\"patch_id\":\"" + PATCH_A + "\",\"tags\":"
        + "{\"kind\":\"text\"}},{\"identifier\":\"b.bin\",\"patch_id\":\"" + PATCH_B + "\",\"tags\":{}}]";
    private static final String STORED = "{\"blobStoreResult\":" + FakeGateway.newlyCreated(200, 3, 7).replace(
        "\"blobId\":\"" + FakeGateway.BLOB_ID, "\"blobId\":\"" + QUILT) + ",\"storedQuiltBlobs\":["
        + "{\"identifier\":\"a.txt\",\"quiltPatchId\":\"" + PATCH_A + "\",\"range\":[1,2]},"
        + "{\"identifier\":\"b.bin\",\"quiltPatchId\":\"" + PATCH_B + "\",\"range\":[2,3]}]}";

    @TempDir
    Path dir;

    @org.junit.jupiter.api.extension.RegisterExtension
    final GatewayFixture store = GatewayFixture.running(StoreQuiltCommand::new);
    @org.junit.jupiter.api.extension.RegisterExtension
    final GatewayFixture read = GatewayFixture.running(ReadQuiltCommand::new);
    @org.junit.jupiter.api.extension.RegisterExtension
    final GatewayFixture list = GatewayFixture.running(ListPatchesInQuiltCommand::new);

    @Test
    void storesADirectoryAsOnePartPerFileNamedByItsFileName() throws IOException {
        Files.writeString(dir.resolve("a.txt"), "hello");
        Files.createDirectory(dir.resolve("sub"));
        Files.write(dir.resolve("sub").resolve("b.bin"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0});
        store.route("PUT", "/v1/quilts", 200, STORED);

        Captured result = store.run("--paths", dir.toString(), "--epochs", "2");

        assertEquals(0, result.exitCode(), result.err());
        assertEquals("Stored quilt of 2 file(s): blob ID " + QUILT + ", end epoch 3, cost 7 FROST\n"
            + "  a.txt: " + PATCH_A + "\n  b.bin: " + PATCH_B + "\n", result.out());
        FakeGateway.Request put = store.onlyRequest();
        assertEquals("epochs=2", put.query());
        String body = new String(put.body(), StandardCharsets.ISO_8859_1);
        String boundary = put.header("Content-Type").replace("multipart/form-data; boundary=", "");
        assertTrue(body.contains("--" + boundary + "\r\nContent-Disposition: form-data; name=\"a.txt\"; "
            + "filename=\"a.txt\"\r\nContent-Type: application/octet-stream\r\n\r\nhello\r\n"), body);
        assertTrue(body.contains("name=\"b.bin\"; filename=\"b.bin\"\r\nContent-Type: application/octet-stream\r\n\r\n"
            + "\u0089PNG\u0000\r\n"), body);
        assertTrue(body.endsWith("--" + boundary + "--\r\n"), body);
        assertTrue(!body.contains(QuiltClient.METADATA_PART), "no tags, no _metadata part");
    }

    @Test
    void blobsGiveIdentifiersAndTagsInTheMetadataPart() throws IOException {
        Path file = Files.writeString(dir.resolve("paper.pdf"), "%PDF");
        store.route("PUT", "/v1/quilts", 200, STORED);

        Captured result = store.run("--blobs", "{\"path\":\"" + file + "\",\"identifier\":\"paper-v2\","
            + "\"tags\":{\"status\":\"final\",\"author\":\"W\"}}", "--json", "--permanent");

        assertEquals(0, result.exitCode(), result.err());
        assertEquals(new ObjectMapper().readTree(STORED), new ObjectMapper().readTree(result.out()));
        String body = new String(store.onlyRequest().body(), StandardCharsets.UTF_8);
        assertTrue(body.contains("name=\"paper-v2\""), body);
        assertTrue(body.contains("Content-Disposition: form-data; name=\"_metadata\"\r\nContent-Type: application/json"
            + "\r\n\r\n[{\"identifier\":\"paper-v2\",\"tags\":{\"author\":\"W\",\"status\":\"final\"}}]\r\n"), body);
        assertEquals("epochs=1&permanent=true", store.onlyRequest().query());
    }

    @Test
    void duplicateIdentifiersAreRefusedBeforeAnyRequest() throws IOException {
        Files.createDirectories(dir.resolve("x"));
        Files.createDirectories(dir.resolve("y"));
        Files.writeString(dir.resolve("x").resolve("same.txt"), "1");
        Files.writeString(dir.resolve("y").resolve("same.txt"), "2");

        assertFailure(store.run(dir.toString()), 1, "two files have the identifier 'same.txt'");
        assertFailure(store.run(), ExitCodes.USAGE, "missing PATH");
        assertEquals(0, store.requests().size());
    }

    @Test
    void readsByIdentifierIntoAFolder() throws IOException {
        serveQuilt(read);
        Path out = Files.createDirectory(dir.resolve("out"));

        Captured result = read.run("--quilt-id", QUILT, "--identifiers", "a.txt", "b.bin", "--out", out.toString());

        assertEquals(0, result.exitCode(), result.err());
        assertEquals("hello", Files.readString(out.resolve("a.txt")));
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(out.resolve("b.bin")));
        assertEquals(1, read.requests("GET", "/v1/blobs/by-quilt-id/" + QUILT + "/a.txt").size());
    }

    @Test
    void readsByPatchIdAsWalrusReadQuiltOutput() throws IOException {
        serveQuilt(read);

        Captured result = read.run("--quilt-patch-ids", PATCH_A, PATCH_B, "--json");

        assertEquals(0, result.exitCode(), result.err());
        JsonNode blobs = new ObjectMapper().readTree(result.out()).get("retrievedBlobs");
        assertEquals(new ObjectMapper().readTree("{\"blob\":[104,101,108,108,111],\"identifier\":\"a.txt\","
            + "\"tags\":{\"kind\":\"text\"}}"), blobs.get(0));
        assertEquals("b.bin", blobs.get(1).get("identifier").asText());
        assertEquals(1, read.requests("GET", "/v1/quilts/" + QUILT + "/patches").size(), "one list per quilt");
        assertEquals("hello", read.run("--quilt-id", QUILT, "--tag", "kind", "text").out());
        assertFailure(read.run("--quilt-patch-ids", "AAAA"), ExitCodes.USAGE, "too short");
        assertFailure(read.run("--quilt-id", QUILT, "--quilt-patch-ids", PATCH_A), ExitCodes.USAGE, "either");
    }

    @Test
    void anUnknownIdentifierIsTheGatewaysNotFound() {
        serveQuilt(read);

        assertFailure(read.run("--quilt-id", QUILT, "--identifiers", "nope"), 1, "no such patch");
    }

    @Test
    void namesPatchesAsTheListDoesNotAsTheEscapedHeader() throws IOException {
        String cafe = "caf\u00e9 menu.txt";
        read.route("GET", "/v1/quilts/" + QUILT + "/patches", 200, "[{\"identifier\":\"" + cafe + "\",\"patch_id\":\""
            + PATCH_A + "\",\"tags\":{}}]");
        read.respond(exchange -> {
            // A header that disagrees with the list (its raw UTF-8 bytes, as the gateway sends them, would agree).
            exchange.getResponseHeaders().set(ApiPaths.QUILT_PATCH_IDENTIFIER_HEADER, "caf%C3%A9+menu.txt");
            FakeGateway.send(exchange, 200, "application/octet-stream", "hello".getBytes(StandardCharsets.UTF_8));
        });

        for (String[] args : new String[][] {{"--quilt-patch-ids", PATCH_A}, {"--quilt-id", QUILT},
            {"--quilt-id", QUILT, "--identifiers", cafe}}) {
            Captured result = read.run(java.util.stream.Stream.concat(Arrays.stream(args), java.util.stream.Stream.of(
                "--json")).toArray(String[]::new));
            assertEquals(0, result.exitCode(), result.err());
            assertEquals(cafe, new ObjectMapper().readTree(result.out()).path("retrievedBlobs").path(0)
                .path("identifier").asText(), String.join(" ", args));
        }
        assertEquals(1, read.requests("GET", "/v1/blobs/by-quilt-id/" + QUILT + "/caf%C3%A9%20menu.txt").size(),
            "the identifier travels URL-encoded in the path, a space as %20");
    }

    @Test
    void aPatchMissingFromTheListIsNamedByItsRawUtf8Header() throws IOException {
        String cafe = "caf\u00e9 menu.txt";
        read.route("GET", "/v1/quilts/" + QUILT + "/patches", 200, "[]");
        read.respond(exchange -> {
            // The raw UTF-8 bytes on the wire: the fake server writes each char of a header as one byte.
            exchange.getResponseHeaders().set(ApiPaths.QUILT_PATCH_IDENTIFIER_HEADER,
                new String(cafe.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1));
            FakeGateway.send(exchange, 200, "application/octet-stream", "hello".getBytes(StandardCharsets.UTF_8));
        });

        Captured result = read.run("--quilt-patch-ids", PATCH_A, "--json");

        assertEquals(0, result.exitCode(), result.err());
        assertEquals(cafe, new ObjectMapper().readTree(result.out()).path("retrievedBlobs").path(0)
            .path("identifier").asText());
    }

    @Test
    void listsPatchesAsLinesOrAsTheGatewaysJson() throws IOException {
        list.route("GET", "/v1/quilts/" + QUILT + "/patches", 200, LIST);

        assertEquals("a.txt  " + PATCH_A + "  kind=text\nb.bin  " + PATCH_B + "\n", list.run(QUILT).out());
        assertEquals(new ObjectMapper().readTree(LIST), new ObjectMapper().readTree(list.run(QUILT, "--json").out()));
        assertFailure(list.run("not-a-blob-id"), ExitCodes.USAGE, "not a blob ID");
    }

    /** The aggregator side of the contract: the patch list and each patch by identifier or by patch ID. */
    private static void serveQuilt(GatewayFixture gateway) {
        gateway.route("GET", "/v1/quilts/" + QUILT + "/patches", 200, LIST);
        gateway.respond(exchange -> {
            String path = exchange.getRequestURI().getRawPath();
            boolean a = path.endsWith("/a.txt") || path.endsWith(PATCH_A);
            boolean b = path.endsWith("/b.bin") || path.endsWith(PATCH_B);
            if (!a && !b) {
                FakeGateway.send(exchange, 404, "application/json",
                    FakeGateway.error(404, "NOT_FOUND", "no such patch").getBytes(StandardCharsets.UTF_8));
                return;
            }
            exchange.getResponseHeaders().set(ApiPaths.QUILT_PATCH_IDENTIFIER_HEADER, a ? "a.txt" : "b.bin");
            FakeGateway.send(exchange, 200, "application/octet-stream", a ? "hello".getBytes() : new byte[] {1, 2, 3});
        });
    }

    /** Walrus's QuiltPatchId text: the quilt's 32 bytes, then V1's version byte and patch start and end (u16 LE). */
    private static String patchId(int start, int end) {
        byte[] bytes = Arrays.copyOf(BlobId.parse(QUILT).bytes(), BlobId.LENGTH + 5);
        bytes[BlobId.LENGTH] = 1;
        bytes[BlobId.LENGTH + 1] = (byte) start;
        bytes[BlobId.LENGTH + 3] = (byte) end;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
