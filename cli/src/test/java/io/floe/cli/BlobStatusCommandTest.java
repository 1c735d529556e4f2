package io.floe.cli;

import static io.floe.cli.CliAssertions.assertFailure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.cli.client.FakeGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class BlobStatusCommandTest {
    private static final String ID = FakeGateway.BLOB_ID;
    private static final String CERTIFIED = "{\"blobId\":\"" + ID + "\",\"status\":\"certified\",\"registrations\":["
        + "{\"objectId\":\"" + FakeGateway.OBJECT_ID + "\",\"endEpoch\":5,\"deletable\":false,\"certifiedEpoch\":1,"
        + "\"size\":2048},"
        + "{\"objectId\":\"0x" + "01".repeat(32) + "\",\"endEpoch\":3,\"deletable\":true,\"certifiedEpoch\":null,"
        + "\"size\":2048}]}";

    private static final String NOT_CHUNKED = "{\"blobId\":\"" + ID + "\",\"chunked\":false,\"totalLength\":2048}";

    @RegisterExtension
    final GatewayFixture gateway = GatewayFixture.running(BlobStatusCommand::new);

    @Test
    void listsTheStatusAndEveryRegistration() {
        gateway.route("GET", "/v1/blobs/" + ID + "/chunks", 200, NOT_CHUNKED);
        gateway.respondJson(200, CERTIFIED);

        Captured result = gateway.run(ID);

        assertEquals(0, result.exitCode(), result.err());
        // Since issue 17 a certified blob is also asked for its chunks (an ordinary blob shows none).
        assertEquals("/v1/blobs/" + ID + "/status", gateway.requests().get(0).path());
        assertEquals("Blob ID " + ID + ": certified\n"
            + "  " + FakeGateway.OBJECT_ID + "  permanent, 2.0 KiB, certified in epoch 1, end epoch 5\n"
            + "  0x" + "01".repeat(32) + "  deletable, 2.0 KiB, uncertified, end epoch 3\n", result.out());
    }

    @Test
    void nonexistentIsAnAnswerNotAFailure() {
        gateway.respondJson(200, "{\"blobId\":\"" + ID + "\",\"status\":\"nonexistent\",\"registrations\":[]}");

        Captured result = gateway.run(ID);

        assertEquals(0, result.exitCode(), result.err());
        assertEquals("Blob ID " + ID + ": nonexistent (never registered, or expired)\n", result.out());
    }

    @Test
    void jsonPassesTheAnswerThrough() {
        gateway.respondJson(200, CERTIFIED);

        Captured result = gateway.run(ID, "--json");

        assertEquals(0, result.exitCode(), result.err());
        assertEquals(CERTIFIED + "\n", result.out());
    }

    @Test
    void takesTheIdAsWalrusDoesToo() {
        gateway.respondJson(200, CERTIFIED);

        assertEquals(0, gateway.run("--blob-id", ID).exitCode());
        assertFailure(gateway.run("--blob-id", ID, ID), 2, "give the blob ID once");
    }

    @Test
    void takesAFileAndComputesItsIdWithTheNetworksShardCount(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws java.io.IOException {
        java.nio.file.Path file = java.nio.file.Files.writeString(dir.resolve("a.txt"), "hello");
        String id = Captured.run(new BlobIdCommand(), file.toString(), "--n-shards", "10").out().strip();
        gateway.route("GET", "/status", 200, FakeGateway.status(1, 10, 1, 1, 5));
        gateway.respondJson(200, "{\"blobId\":\"" + id + "\",\"status\":\"nonexistent\",\"registrations\":[]}");

        Captured result = gateway.run("--file", file.toString());

        assertEquals(0, result.exitCode(), result.err());
        assertEquals("/v1/blobs/" + id + "/status", gateway.requests("GET", "/v1/blobs/").get(0).path());
        assertFailure(gateway.run("--file", file.toString(), ID), 2, "not both");
    }

    @Test
    void aBadIdIsAUsageErrorBeforeAnyRequest() {
        assertFailure(gateway.run("abc"), 2, "not a blob ID");
        assertEquals(0, gateway.requests().size());
    }

    @Test
    void anUnknownStatusIsAnUnexpectedAnswer() {
        gateway.respondJson(200, "{\"blobId\":\"" + ID + "\",\"status\":\"sleeping\",\"registrations\":[]}");

        assertFailure(gateway.run(ID), 1, "unknown status 'sleeping'");
    }

    @Test
    void gatewayErrorIsOneLine() {
        gateway.respondJson(503, FakeGateway.error(503, "UNAVAILABLE", "the ledger did not answer in time"));

        assertFailure(gateway.run(ID), 1, "error: the ledger did not answer in time (HTTP 503 UNAVAILABLE)");
    }

    private static final String CHUNK_1 = "M4hsZGQ1oCktdzegB6HnI6Mi28S2nqOPHxK-W7_4BUk";
    private static final String CHUNKED = "{\"blobId\":\"" + ID + "\",\"chunked\":true,\"totalLength\":3669909,"
        + "\"nShards\":10,\"chunkSize\":1834952,\"chunks\":[{\"blobId\":\"" + CHUNK_1 + "\",\"offset\":0,"
        + "\"length\":1834952},{\"blobId\":\"" + ID + "\",\"offset\":1834952,\"length\":1834957}]}";

    @Test
    void aChunkManifestListsItsChunks() {
        gateway.route("GET", "/v1/blobs/" + ID + "/chunks", 200, CHUNKED);
        gateway.respondJson(200, CERTIFIED);

        Captured human = gateway.run(ID);
        Captured json = gateway.run(ID, "--json");

        assertEquals(0, human.exitCode(), human.err());
        assertTrue(human.out().endsWith("end epoch 3\n"
            + "  chunked: 3.5 MiB in 2 chunks of up to 1.7 MiB (n = 10); this blob is their manifest\n"
            + "    chunk 1: " + CHUNK_1 + ", bytes 0 to 1834951 (1.7 MiB)\n"
            + "    chunk 2: " + ID + ", bytes 1834952 to 3669908 (1.7 MiB)\n"), human.out());
        assertEquals(CERTIFIED.substring(0, CERTIFIED.length() - 1) + ",\"chunked\":true,\"totalLength\":3669909,"
            + "\"nShards\":10,\"chunkSize\":1834952,\"chunks\":" + CHUNKED.substring(CHUNKED.indexOf('['),
            CHUNKED.length() - 1) + "}\n", json.out());
    }

    @Test
    void aGatewayWithoutTheChunksRouteShowsNoChunks() {
        // FakeGateway answers 404 to nothing by itself: the route stands for a gateway older than issue 17.
        gateway.route("GET", "/v1/blobs/" + ID + "/chunks", 404, FakeGateway.error(404, "BLOB_NOT_FOUND", "no route"));
        gateway.respondJson(200, CERTIFIED);

        Captured result = gateway.run(ID);

        assertEquals(0, result.exitCode(), result.err());
        assertEquals(3, result.out().lines().count(), result.out());
    }

    @Test
    void aChunksRouteThatFailsIsNotedButTheStatusIsShown() {
        gateway.route("GET", "/v1/blobs/" + ID + "/chunks", 503, FakeGateway.error(503, "UNAVAILABLE", "nodes down"));
        gateway.respondJson(200, CERTIFIED);

        Captured result = gateway.run(ID);

        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().endsWith("  chunks: unknown (nodes down (HTTP 503 UNAVAILABLE))\n"), result.out());
    }

    @Test
    void onlyACertifiedBlobIsAskedForChunks() {
        gateway.respondJson(200, "{\"blobId\":\"" + ID + "\",\"status\":\"registered\",\"registrations\":[]}");

        assertEquals(0, gateway.run(ID).exitCode());
        assertEquals(1, gateway.requests().size(), () -> gateway.requests().toString());
    }
}
