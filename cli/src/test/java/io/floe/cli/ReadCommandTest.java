package io.floe.cli;

import static io.floe.cli.CliAssertions.assertFailure;
import static io.floe.cli.CliAssertions.jsonString;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.cli.client.FakeGateway;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class ReadCommandTest {
    private static final String ID = FakeGateway.BLOB_ID;

    @TempDir
    Path dir;

    @RegisterExtension
    final GatewayFixture gateway = GatewayFixture.running(ReadCommand::new);

    @Test
    void writesTheExactBytesIntoTheFile() throws IOException {
        byte[] blob = random(300_000);
        gateway.respondBytes(blob);
        Path out = dir.resolve("copy.bin");

        Captured result = gateway.run(ID, "--out", out.toString());

        assertEquals(0, result.exitCode(), result.err());
        FakeGateway.Request request = gateway.onlyRequest();
        assertEquals("GET", request.method());
        assertEquals("/v1/blobs/" + ID, request.path());
        assertArrayEquals(blob, Files.readAllBytes(out));
        assertFalse(Files.exists(partial(out)));
        assertEquals("Read blob ID " + ID + " into " + out + " (293.0 KiB)\n", result.out());
        assertEquals("", result.err());
    }

    @Test
    void replacesAnExistingFileOnlyOnSuccess() throws IOException {
        Path out = Files.writeString(dir.resolve("copy.bin"), "old");
        gateway.respondBytes("new".getBytes(StandardCharsets.UTF_8));

        assertEquals(0, gateway.run(ID, "--out", out.toString()).exitCode());
        assertEquals("new", Files.readString(out));
    }

    @Test
    void streamsToStdout() {
        gateway.respondBytes("the blob's bytes\n".getBytes(StandardCharsets.UTF_8));

        Captured result = gateway.run(ID);

        assertEquals(0, result.exitCode(), result.err());
        assertEquals("the blob's bytes\n", result.out());
        assertEquals("", result.err());
    }

    @Test
    void jsonWithOutNamesTheFileAndSize() throws IOException {
        gateway.respondBytes(random(10));
        Path out = dir.resolve("copy.bin");

        Captured result = gateway.run(ID, "--out", out.toString(), "--json");

        assertEquals(0, result.exitCode(), result.err());
        assertEquals("{\"blobId\":\"" + ID + "\",\"out\":" + jsonString(out.toString()) + ",\"size\":10}\n",
            result.out());
    }

    @Test
    void jsonWithoutOutCarriesTheBlobInBase64() {
        byte[] blob = random(1000);
        gateway.respondBytes(blob);

        Captured result = gateway.run(ID, "--json");

        assertEquals(0, result.exitCode(), result.err());
        assertEquals("{\"blobId\":\"" + ID + "\",\"blob\":\"" + Base64.getEncoder().encodeToString(blob)
            + "\",\"size\":1000}\n", result.out());
    }

    @Test
    void notFoundLeavesNoPartialAndKeepsTheOldFile() throws IOException {
        Path out = Files.writeString(dir.resolve("copy.bin"), "old");
        gateway.respondJson(404, FakeGateway.error(404, "NOT_FOUND", "blob " + ID + " is not stored"));

        Captured result = gateway.run(ID, "--out", out.toString());

        assertFailure(result, 1, "error: blob " + ID + " is not stored (HTTP 404 NOT_FOUND)");
        assertFalse(Files.exists(partial(out)));
        assertEquals("old", Files.readString(out));
    }

    @Test
    void notFoundToStdoutWritesNothing() {
        gateway.respondJson(404, FakeGateway.error(404, "NOT_FOUND", "blob not stored"));

        assertFailure(gateway.run(ID), 1, "blob not stored (HTTP 404 NOT_FOUND)");
    }

    @Test
    void aBodyShorterThanAnnouncedIsAFailureAndLeavesNoFile() {
        gateway.respondTruncated(1000, random(10));
        Path out = dir.resolve("copy.bin");

        Captured result = gateway.run(ID, "--out", out.toString());

        assertFailure(result, 1, "the connection to the gateway at " + gateway.url() + " broke");
        assertFalse(Files.exists(out));
        assertFalse(Files.exists(partial(out)));
    }

    @Test
    void aStalledDownloadEndsAtTheTimeout() {
        gateway.respondStalling(1000, random(10));
        Path out = dir.resolve("copy.bin");

        Captured result = assertTimeoutPreemptively(Duration.ofSeconds(20),
            () -> gateway.run(ID, "--out", out.toString(), "--timeout", "1"));

        assertFailure(result, 1, "the gateway at " + gateway.url() + " did not finish within 1 s");
        assertFalse(Files.exists(partial(out)));
    }

    @Test
    void aDownloadLongerThanTheTimeoutIsNotCutWhileBytesKeepComing() throws IOException {
        // The timeout bounds silence, not the whole download: a GiB-sized blob may take far longer than it.
        byte[] blob = random(6 * 1024);
        gateway.respond(exchange -> {
            exchange.sendResponseHeaders(200, blob.length);
            for (int i = 0; i < 6; i++) {
                exchange.getResponseBody().write(blob, i * 1024, 1024);
                exchange.getResponseBody().flush();
                // Pacing the fake's output, not waiting for a condition: 6 x 0.6 s is longer than --timeout 2.
                Thread.sleep(600);
            }
        });
        Path out = dir.resolve("slow.bin");

        Captured result = assertTimeoutPreemptively(Duration.ofSeconds(20),
            () -> gateway.run(ID, "--out", out.toString(), "--timeout", "2"));

        assertEquals(0, result.exitCode(), result.err());
        assertArrayEquals(blob, Files.readAllBytes(out));
    }

    @Test
    void aBadIdIsAUsageErrorBeforeAnyRequest() {
        assertFailure(gateway.run("not-a-blob-id"), 2, "error: not a blob ID: a blob ID is 43 URL-safe base64 characters");
        assertFailure(gateway.run(ID.substring(1) + "!"), 2, "not URL-safe base64");
        assertFailure(gateway.run(), 2, "missing ID");
        assertEquals(0, gateway.requests().size());
    }

    @Test
    void aMissingDirectoryFailsBeforeAnyRequest() {
        Path out = dir.resolve("no/such/dir/copy.bin");

        assertFailure(gateway.run(ID, "--out", out.toString()), 1, "no such directory");
        assertEquals(0, gateway.requests().size());
    }

    @Test
    void unreachableGatewayNamesTheUrl() {
        String url = gateway.url();

        Captured result = gateway.runUnreachable(ID);

        assertFailure(result, 1, "error: cannot reach the gateway at " + url + " (is `./floe local` running?)");
    }

    @Test
    void progressBarForBigReadsIntoFiles() throws IOException {
        byte[] blob = random((int) Progress.THRESHOLD * 2);
        gateway.respondBytes(blob);
        Path out = dir.resolve("copy.bin");

        Captured result = gateway.run(ID, "--out", out.toString(), "--progress");

        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.err().startsWith("\rread " + out + " [------------------------]   0%"), result.err());
        assertTrue(result.err().contains("\rread " + out + ": 8.0 MiB in "), result.err());
        assertTrue(result.err().endsWith("\n"), result.err());
        assertArrayEquals(blob, Files.readAllBytes(out));
    }

    private static Path partial(Path out) {
        return out.resolveSibling(out.getFileName() + ReadCommand.PARTIAL_SUFFIX);
    }

    private static byte[] random(int length) {
        byte[] bytes = new byte[length];
        new Random(7).nextBytes(bytes);
        return bytes;
    }
}
