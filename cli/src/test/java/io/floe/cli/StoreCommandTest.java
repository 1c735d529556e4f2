package io.floe.cli;

import static io.floe.cli.CliAssertions.QUIET;
import static io.floe.cli.CliAssertions.assertFailure;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.floe.cli.client.FakeGateway;
import io.floe.cli.client.SignedEnvelope;
import io.floe.encoding.metadata.BlobId;
import io.floe.protocol.account.VerifiedRequest;
import io.floe.protocol.blob.StorageCost;
import io.floe.protocol.proto.FloeAccountProto;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class StoreCommandTest {
    @TempDir
    Path dir;

    @RegisterExtension
    final GatewayFixture gateway = GatewayFixture.running(StoreCommand::new);

    private static final String STATUS = FakeGateway.status(1, 100, 100, 10, 53);

    @BeforeEach
    void answerStatus() {
        gateway.route("GET", "/status", 200, STATUS);
    }

    /** The one upload; since issue 13 a store first reads /status (shard count, prices, epoch). */
    private FakeGateway.Request put() {
        List<FakeGateway.Request> puts = gateway.requests("PUT", "/v1/blobs");
        assertEquals(1, puts.size(), () -> "one upload: " + gateway.requests());
        return puts.get(0);
    }

    @Test
    void signsTheRegistrationAndSendsItWithTheBytes() throws IOException {
        Path file = Files.write(dir.resolve("photo.jpg"), random(5000));
        gateway.respondJson(200, FakeGateway.newlyCreated(5000, 3, 10));
        String address = "0x" + "12".repeat(32);

        Captured result = gateway.run(file.toString(), "--epochs", "2", "--send-object-to", address);

        assertEquals(0, result.exitCode(), result.err());
        FakeGateway.Request request = put();
        assertEquals("epochs=2&send_object_to=" + address, request.query());
        VerifiedRequest signed = SignedEnvelope.parseHeader(request.header(SignedEnvelope.HEADER))
            .verify(System.currentTimeMillis());
        assertEquals(SignedRequests.address(), signed.account().value());
        FloeAccountProto.RegisterBlobOp op = signed.request().getRegisterBlob();
        String blobId = blobIdOf(file);
        assertEquals(blobId, BlobId.of(op.getBlobId().toByteArray()).toString());
        assertEquals(blobId, BlobId.of(signed.request().getBlobId().toByteArray()).toString());
        assertEquals(5000, op.getUnencodedLength());
        assertEquals(2, op.getEpochsAhead());
        assertTrue(op.getDeletable(), "deletable unless --permanent, as the gateway's default");
        assertEquals(address, op.getSendObjectTo());
    }

    @Test
    void epochsMaxAndEndEpochAreResolvedWithTheNetworksStatus() throws IOException {
        gateway.respondJson(200, FakeGateway.newlyCreated(5, 2, 10));
        String file = text("hello");

        assertEquals(0, gateway.run(file, "--epochs", "max", "--permanent").exitCode());
        assertEquals(0, gateway.run(file, "--end-epoch", "4").exitCode());

        List<FakeGateway.Request> puts = gateway.requests("PUT", "/v1/blobs");
        assertEquals("epochs=53&permanent=true", puts.get(0).query());
        assertFalse(SignedEnvelope.parseHeader(puts.get(0).header(SignedEnvelope.HEADER)).parse().getRegisterBlob()
            .getDeletable());
        assertEquals("epochs=3", puts.get(1).query());
        assertFailure(gateway.run(file, "--end-epoch", "1"), 1, "--end-epoch 1 is not after the current epoch 1");
        assertFailure(gateway.run(file, "--end-epoch", "4", "--epochs", "2"), 2, "exclude each other");
    }

    @Test
    void dryRunPrintsBlobIdEncodedSizeAndCostAndStoresNothing() throws IOException {
        Path file = Files.write(dir.resolve("blob.bin"), random(5000));
        long encoded = StorageCost.encodedLength(5000, 100);
        long cost = StorageCost.cost(encoded, 3, 100, 10);

        Captured human = gateway.run(file.toString(), "--epochs", "3", "--dry-run");
        Captured json = gateway.run(file.toString(), "--epochs", "3", "--dry-run", "--json");

        assertEquals(0, human.exitCode(), human.err());
        assertEquals("Dry run of " + file + ": blob ID " + blobIdOf(file) + ", 4.9 KiB (encoded size "
            + BlobIdCommand.bytes(encoded) + "), 3 epoch(s), cost " + cost + " FROST; nothing was stored\n",
            human.out());
        // Walrus's Vec<DryRunOutput>: a list, one entry per file, with the encoding type.
        assertEquals("[{\"path\":" + CliAssertions.jsonString(file.toString()) + ",\"blobId\":\"" + blobIdOf(file)
            + "\",\"unencodedSize\":5000,\"encodedSize\":" + encoded + ",\"epochs\":3,\"storageCost\":" + cost
            + ",\"encodingType\":\"RS2\"}]\n", json.out());
        assertTrue(gateway.requests("PUT", "/").isEmpty(), "a dry run uploads nothing");
    }

    private static String blobIdOf(Path file) {
        return Captured.run(new BlobIdCommand(), file.toString(), "--n-shards", "100").out().strip();
    }

    @Test
    void sendsTheFileBytesAndTheQuery() throws IOException {
        byte[] content = random(100_000);
        Path file = Files.write(dir.resolve("photo.jpg"), content);
        gateway.respondJson(200, FakeGateway.newlyCreated(100_000, 4, 1234));

        Captured result = gateway.run(file.toString(), "--epochs", "3", "--permanent", "--force");

        assertEquals(0, result.exitCode(), result.err());
        FakeGateway.Request request = put();
        assertEquals("PUT", request.method());
        assertEquals("/v1/blobs", request.path());
        assertEquals("epochs=3&permanent=true&force=true", request.query());
        assertEquals("application/octet-stream", request.header("Content-Type"));
        assertEquals("100000", request.header("Content-Length"), "the file is sent with its length, not chunked");
        assertArrayEquals(content, request.body());
        assertEquals("Stored " + file + ": blob ID " + FakeGateway.BLOB_ID
            + ", 97.7 KiB, end epoch 4, cost 1234 FROST\n", result.out());
        assertEquals("", result.err());
    }

    @Test
    void defaultsToOneEpochAndLeavesTheLifetimeToTheGateway() throws IOException {
        gateway.respondJson(200, FakeGateway.newlyCreated(5, 2, 10));

        Captured result = gateway.run(text("hello"));

        assertEquals(0, result.exitCode(), result.err());
        assertEquals("epochs=1", put().query());
    }

    @Test
    void sendsDeletable() throws IOException {
        gateway.respondJson(200, FakeGateway.newlyCreated(5, 2, 10));

        assertEquals(0, gateway.run(text("hello"), "--deletable", "--epochs=2").exitCode());
        assertEquals("epochs=2&deletable=true", put().query());
    }

    @Test
    void reportsAnAlreadyCertifiedBlob() throws IOException {
        gateway.respondJson(200, FakeGateway.alreadyCertified(9));

        Captured result = gateway.run(text("hello"));

        assertEquals(0, result.exitCode(), result.err());
        assertEquals("Already certified: blob ID " + FakeGateway.BLOB_ID + " until epoch 9\n", result.out());
    }

    @Test
    void jsonPrintsTheGatewayAnswerOnOneLine() throws IOException {
        String pretty = new ObjectMapper().readTree(FakeGateway.newlyCreated(5, 2, 10)).toPrettyString();
        assertTrue(pretty.lines().count() > 5, "the fake answer is spread over lines");
        gateway.respondJson(200, pretty);
        String file = text("hello");

        Captured result = gateway.run(file, "--json");

        assertEquals(0, result.exitCode(), result.err());
        assertEquals(1, result.out().lines().count(), result.out());
        // Walrus's Vec<BlobStoreResultWithPath>: the gateway's answer with the file's path, in a list.
        ObjectMapper mapper = new ObjectMapper();
        JsonNode printed = mapper.readTree(result.out());
        assertEquals(1, printed.size(), result.out());
        assertEquals(mapper.readTree(pretty), printed.get(0).get("blobStoreResult"));
        assertEquals(file, printed.get(0).get("path").asText());
    }

    @Test
    void storesSeveralFilesAndReportsEachAsWalrusDoes() throws IOException {
        Path good = Files.writeString(dir.resolve("good.txt"), "good");
        Path bad = Files.writeString(dir.resolve("bad.txt"), "bad");
        gateway.respond(exchange -> {
            // The fake has read the body already; stores go one after the other, so the last request is this one.
            List<FakeGateway.Request> all = gateway.requests();
            boolean isGood = new String(all.get(all.size() - 1).body()).equals("good");
            FakeGateway.send(exchange, isGood ? 200 : 400, "application/json", (isGood
                ? FakeGateway.newlyCreated(4, 2, 10) : FakeGateway.error(400, "INVALID_ARGUMENT", "refused"))
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        });

        Captured result = gateway.run(good.toString(), bad.toString(), "--json");

        // Every file is tried; the command fails because one did, after printing both outcomes.
        assertEquals(1, result.exitCode(), result.err());
        assertTrue(result.err().contains("1 of 2 files failed: " + bad + ": refused"), result.err());
        JsonNode printed = new ObjectMapper().readTree(result.out());
        assertEquals(2, printed.size(), result.out());
        assertEquals(good.toString(), printed.get(0).get("path").asText());
        assertTrue(printed.get(0).get("blobStoreResult").has("newlyCreated"), result.out());
        JsonNode error = printed.get(1).get("blobStoreResult").get("error");
        assertEquals("store", error.get("failurePhase").asText());
        assertTrue(error.get("errorMsg").asText().startsWith("refused"), result.out());
        assertEquals(43, error.get("blobId").asText().length(), "the blob ID was computed before the upload");
        assertEquals(2, gateway.requests("PUT", "/v1/blobs").size());
    }

    @Test
    void gatewayErrorIsOneLineWithItsMessage() throws IOException {
        gateway.respondJson(400, FakeGateway.error(400, "INVALID_ARGUMENT", "epochs beyond\\nthe limit of 53"));

        assertFailure(gateway.run(text("hello"), "--epochs", "99"), 1,
            "error: epochs beyond the limit of 53 (HTTP 400 INVALID_ARGUMENT)");
    }

    @Test
    void errorWithoutJsonBodyStillSaysWhat() throws IOException {
        gateway.respond(exchange -> FakeGateway.send(exchange, 503, "text/plain", "Service Unavailable".getBytes()));

        assertFailure(gateway.run(text("hello")), 1, "error: Service Unavailable (HTTP 503)");
    }

    @Test
    void anAnswerWithoutTheExpectedFieldsIsAFailure() throws IOException {
        gateway.respondJson(200, "{\"newlyCreated\":{\"blobObject\":{\"blobId\":\"" + FakeGateway.BLOB_ID + "\"}}}");

        assertFailure(gateway.run(text("hello")), 1, "unexpected answer from the gateway at " + gateway.url()
            + ": newlyCreated.blobObject.id is missing or not a string");
    }

    @Test
    void aBlobMarkedInvalidIsAFailure() throws IOException {
        gateway.respondJson(200, "{\"markedInvalid\":{\"blobId\":\"" + FakeGateway.BLOB_ID + "\",\"event\":{}}}");

        assertFailure(gateway.run(text("hello")), 1, "is marked invalid");
    }

    @Test
    void unreachableGatewayNamesTheUrl() throws IOException {
        String file = text("hello");
        String url = gateway.url();

        Captured result = gateway.runUnreachable(file);

        assertFailure(result, 1, "error: cannot reach the gateway at " + url + " (is `./floe local` running?)");
    }

    @Test
    void refusesBadOptionsBeforeAnyRequest() throws IOException {
        String file = text("hello");
        assertFailure(gateway.run(file, "--epochs", "0"), 2, "--epochs needs a number of epochs >= 1 or 'max', got 0");
        assertFailure(gateway.run(file, "--epochs", "lots"), 2, "--epochs needs an integer, got 'lots'");
        assertFailure(gateway.run(file, "--send-object-to", "bob"), 2, "--send-object-to");
        assertFailure(gateway.run(file, "--permanent", "--deletable"), 2, "exclude each other");
        assertFailure(gateway.run(file, "--timeout", "0"), 2, "--timeout needs a number of seconds >= 1");
        assertFailure(gateway.run(), 2, "missing FILE");
        assertEquals(0, gateway.requests().size());
    }

    @Test
    void missingFileFailsBeforeAnyRequest() {
        String missing = dir.resolve("nope.bin").toString();

        assertFailure(gateway.run(missing), 1, "error: no such file: " + missing);
        assertEquals(0, gateway.requests().size());
    }

    @Test
    void progressBarOnRequestForBigFiles() throws IOException {
        Path file = Files.write(dir.resolve("big.bin"), random((int) Progress.THRESHOLD + 1024));
        gateway.respondJson(200, FakeGateway.newlyCreated(Progress.THRESHOLD + 1024, 2, 10));

        Captured result = gateway.run(file.toString(), "--progress");

        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.err().startsWith("\rstore " + file + " ["), result.err());
        assertTrue(result.err().contains("\rstore " + file + ": 4.0 MiB in "), result.err());
        assertTrue(result.err().endsWith("\n") && result.err().stripTrailing().endsWith("/s)"), result.err());
        assertTrue(result.out().startsWith("Stored "), "the bar stays off stdout: " + result.out());
    }

    @Test
    void progressBarOnATerminalButNeverForSmallFiles() throws IOException {
        Path big = Files.write(dir.resolve("big.bin"), random((int) Progress.THRESHOLD));
        gateway.respondJson(200, FakeGateway.newlyCreated(Progress.THRESHOLD, 2, 10));
        GatewayCommand.Environment terminal = CliAssertions.environment(
                Map.of("FLOE_WALLET", CliAssertions.WALLET.toString()), true);

        assertTrue(gateway.run(terminal, big.toString()).err().contains("store " + big + ": 4.0 MiB in "));
        assertEquals("", gateway.run(terminal, text("small")).err());
        assertEquals("", gateway.run(QUIET, big.toString()).err(), "no bar when stderr is not a terminal");
    }

    private String text(String content) throws IOException {
        return Files.writeString(dir.resolve("blob.txt"), content).toString();
    }

    private static byte[] random(int length) {
        byte[] bytes = new byte[length];
        new Random(42).nextBytes(bytes);
        return bytes;
    }
}
