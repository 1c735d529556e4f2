package io.floe.cli;

import static io.floe.cli.CliAssertions.assertFailure;
import static org.junit.jupiter.api.Assertions.assertEquals;

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

    @RegisterExtension
    final GatewayFixture gateway = GatewayFixture.running(BlobStatusCommand::new);

    @Test
    void listsTheStatusAndEveryRegistration() {
        gateway.respondJson(200, CERTIFIED);

        Captured result = gateway.run(ID);

        assertEquals(0, result.exitCode(), result.err());
        assertEquals("/v1/blobs/" + ID + "/status", gateway.onlyRequest().path());
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
}
