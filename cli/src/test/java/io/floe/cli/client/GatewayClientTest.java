package io.floe.cli.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.encoding.index.ShardIndex;
import io.floe.encoding.metadata.BlobId;
import io.floe.protocol.blob.ObjectId;
import io.floe.protocol.committee.Epoch;
import io.floe.protocol.committee.NodeId;
import io.floe.protocol.tls.TlsFingerprint;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@link GatewayClient} against the fake gateway: typed results, progress, and which side a failure is on. */
class GatewayClientTest {
    private static final BlobId ID = BlobId.parse(FakeGateway.BLOB_ID);

    @TempDir
    Path dir;
    @RegisterExtension
    final FakeGateway gateway = new FakeGateway();
    private GatewayClient client;

    @BeforeEach
    void connect() {
        client = new GatewayClient(gateway.uri(), Duration.ofSeconds(10));
    }

    @Test
    void storeParsesNewlyCreatedAndReportsEveryByteSent() throws IOException {
        Path file = Files.write(dir.resolve("blob"), new byte[300_000]);
        gateway.respondJson(200, FakeGateway.newlyCreated(300_000, 6, 77));
        List<long[]> calls = new CopyOnWriteArrayList<>();

        StoreResult result = client.store(file, StoreQuery.forEpochs(5), (done, total) -> calls.add(
            new long[] {done, total}));

        StoreResult.NewlyCreated created = assertInstanceOf(StoreResult.NewlyCreated.class, result);
        assertEquals(ID, created.blobId());
        assertEquals(ObjectId.parse(FakeGateway.OBJECT_ID), created.objectId());
        assertEquals(300_000, created.size());
        assertEquals(new Epoch(6), created.endEpoch());
        assertEquals(77, created.cost());
        assertArrayEquals(new long[] {300_000, 300_000}, calls.get(calls.size() - 1));
        for (int i = 1; i < calls.size(); i++) {
            assertTrue(calls.get(i)[0] > calls.get(i - 1)[0], "progress only grows");
        }
    }

    @Test
    void readWritesTheBodyAndReportsTheTotalFromTheStart() throws IOException {
        byte[] blob = new byte[200_000];
        blob[199_999] = 9;
        gateway.respondBytes(blob);
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        List<long[]> calls = new CopyOnWriteArrayList<>();

        long size = client.read(ID, sink, (done, total) -> calls.add(new long[] {done, total}));

        assertEquals(200_000, size);
        assertArrayEquals(blob, sink.toByteArray());
        assertArrayEquals(new long[] {0, 200_000}, calls.get(0));
        assertArrayEquals(new long[] {200_000, 200_000}, calls.get(calls.size() - 1));
    }

    @Test
    void aFailingSinkIsALocalIoErrorNotTheGateways() {
        gateway.respondBytes(new byte[1000]);
        OutputStream full = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("No space left on device");
            }
        };

        IOException e = assertThrows(IOException.class, () -> client.read(ID, full, ProgressListener.NONE));
        assertEquals("No space left on device", e.getMessage());
    }

    @Test
    void aMissingFileIsALocalIoError() {
        assertThrows(IOException.class,
            () -> client.store(dir.resolve("gone"), StoreQuery.forEpochs(1), ProgressListener.NONE));
        assertEquals(0, gateway.requests().size());
    }

    @Test
    void infoIsTyped() {
        gateway.respondJson(200, "{\"epoch\":2,\"nShards\":4,\"nodes\":[{\"id\":\"n1\",\"url\":\"http://h:1\","
            + "\"shards\":[3,1],\"publicKey\":\"a2V5\",\"stake\":\"12\",\"up\":true}],\"gatewayBalance\":5}");

        GatewayInfo info = client.info();

        assertEquals(new Epoch(2), info.epoch());
        assertEquals(4, info.nShards());
        assertEquals(List.of(new GatewayInfo.Node(new NodeId("n1"), "http://h:1",
            List.of(new ShardIndex(3), new ShardIndex(1)), "a2V5", 12, true)), info.nodes());
        assertTrue(info.storagePricePerUnit().isEmpty());
        assertEquals(5, info.gatewayBalance().getAsLong());
        assertEquals(Optional.empty(), info.gatewayAccount());
    }

    @Test
    void infoCarriesTheTlsFingerprintsAsPins() {
        String pin = "AB:" + "cd:".repeat(30) + "EF";
        gateway.respondJson(200, "{\"epoch\":2,\"nShards\":4,\"nodes\":[{\"id\":\"n1\",\"url\":\"https://h:1\","
            + "\"shards\":[0],\"publicKey\":\"a2V5\",\"stake\":1,\"up\":true,\"tlsFingerprint\":\"" + pin + "\"},"
            + "{\"id\":\"n2\",\"url\":\"http://h:2\",\"shards\":[1],\"publicKey\":\"a2V5\",\"stake\":1,\"up\":true}]}");

        GatewayInfo info = client.info();

        assertEquals(Optional.of(TlsFingerprint.parse(pin)), info.nodes().get(0).tlsFingerprint());
        assertEquals(Optional.empty(), info.nodes().get(1).tlsFingerprint());
        assertEquals(Optional.of(TlsFingerprint.parse(pin)), info.nodePins().pinFor("h", 1));
        assertEquals(Optional.empty(), info.nodePins().pinFor("h", 2));
    }

    @Test
    void blobStatusIsTyped() {
        gateway.respondJson(200, "{\"blobId\":\"" + FakeGateway.BLOB_ID + "\",\"status\":\"registered\","
            + "\"registrations\":[{\"objectId\":\"" + FakeGateway.OBJECT_ID + "\",\"endEpoch\":4,"
            + "\"deletable\":true,\"size\":10}]}");

        BlobStatusReport report = client.blobStatus(ID);

        assertEquals(BlobStatusReport.Status.REGISTERED, report.status());
        assertEquals(List.of(new BlobStatusReport.Registration(ObjectId.parse(FakeGateway.OBJECT_ID), new Epoch(4),
            true, Optional.empty(), 10)), report.registrations());
    }

    @Test
    void errorResponseKeepsTheServersFields() {
        gateway.respondJson(404, FakeGateway.error(404, "BLOB_NOT_FOUND", "no such blob"));

        GatewayException.ErrorResponse e = assertThrows(GatewayException.ErrorResponse.class,
            () -> client.blobStatus(ID));

        assertEquals(404, e.httpStatus());
        assertEquals("NOT_FOUND", e.status());
        assertEquals("BLOB_NOT_FOUND", e.reason());
        assertEquals("no such blob", e.serverMessage());
        assertEquals("no such blob (HTTP 404 NOT_FOUND, BLOB_NOT_FOUND)", e.getMessage());
    }

    @Test
    void aTextualCodeOfAnOlderGatewayIsTheReason() {
        gateway.respondJson(404, "{\"error\":{\"code\":\"BLOB_NOT_FOUND\",\"status\":\"Not Found\","
            + "\"message\":\"no such blob\"}}");

        GatewayException.ErrorResponse e = assertThrows(GatewayException.ErrorResponse.class,
            () -> client.blobStatus(ID));

        assertEquals("BLOB_NOT_FOUND", e.reason());
        assertEquals("no such blob (HTTP 404 Not Found, BLOB_NOT_FOUND)", e.getMessage());
    }

    @Test
    void storesARegionOfAFileWithItsLengthAndCountsItsBytes() throws IOException {
        byte[] content = new byte[200_000];
        new java.util.Random(3).nextBytes(content);
        Path file = Files.write(dir.resolve("big"), content);
        gateway.respondJson(200, FakeGateway.newlyCreated(100_000, 6, 77));
        List<long[]> calls = new CopyOnWriteArrayList<>();

        client.store(file, 50_000, 100_000, StoreQuery.forEpochs(5), Optional.empty(),
            (done, total) -> calls.add(new long[] {done, total}));

        FakeGateway.Request put = gateway.onlyRequest();
        assertEquals("100000", put.header("Content-Length"));
        assertArrayEquals(java.util.Arrays.copyOfRange(content, 50_000, 150_000), put.body());
        assertArrayEquals(new long[] {100_000, 100_000}, calls.get(calls.size() - 1));
    }

    @Test
    void aRegionBeyondTheFilesEndIsTheFilesFailure() throws IOException {
        Path file = Files.write(dir.resolve("short"), new byte[1000]);
        gateway.respondJson(200, FakeGateway.newlyCreated(1000, 6, 77));

        IOException e = assertThrows(IOException.class, () -> client.store(file, 500, 1000,
            StoreQuery.forEpochs(5), Optional.empty(), ProgressListener.NONE));
        assertTrue(e.getMessage().contains("ends before byte 1500"), e.getMessage());
    }

    @Test
    void chunksOfAnOrdinaryBlobAndOfAGatewayWithoutTheRoute() {
        gateway.route("GET", "/v1/blobs/" + ID + "/chunks", 200,
            "{\"blobId\":\"" + ID + "\",\"chunked\":false,\"totalLength\":5}");

        BlobChunks chunks = client.chunks(ID).orElseThrow();
        assertEquals(false, chunks.chunked());
        assertEquals(5, chunks.totalLength());
        gateway.respondJson(404, FakeGateway.error(404, "BLOB_NOT_FOUND", "no such blob"));
        BlobId other = BlobId.parse("M4hsZGQ1oCktdzegB6HnI6Mi28S2nqOPHxK-W7_4BUk");
        assertEquals(Optional.empty(), client.chunks(other));
    }

    @Test
    void aSlowAnswerIsATimeout() {
        gateway.respondStalling(10, new byte[0]);
        GatewayClient impatient = new GatewayClient(gateway.uri(), Duration.ofSeconds(1));

        GatewayException.TimedOut e = assertTimeoutPreemptively(Duration.ofSeconds(20),
            () -> assertThrows(GatewayException.TimedOut.class, impatient::info));
        assertEquals(Duration.ofSeconds(1), e.timeout());
    }

    @Test
    void optionsAreCheckedWhenMade() {
        assertThrows(IllegalArgumentException.class, () -> new StoreQuery(0, false, false, false));
        assertThrows(IllegalArgumentException.class, () -> new StoreQuery(1, true, true, false));
        assertThrows(IllegalArgumentException.class, () -> GatewayClient.parseGateway("localhost:31415"));
        assertThrows(IllegalArgumentException.class, () -> new GatewayClient(gateway.uri(), Duration.ZERO));
    }
}
