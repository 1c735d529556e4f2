package io.floe.cli;

import static io.floe.cli.CliAssertions.assertFailure;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.floe.cli.client.FakeGateway;
import io.floe.cli.client.SignedEnvelope;
import io.floe.encoding.chunks.ChunkLayout;
import io.floe.encoding.chunks.ChunkManifest;
import io.floe.encoding.metadata.BlobId;
import io.floe.encoding.redstuff.BlobEncoder;
import io.floe.encoding.redstuff.EncodingConfig;
import io.floe.protocol.blob.StorageCost;
import io.floe.protocol.proto.FloeAccountProto;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code floe store} of a file larger than one blob, on a network of 10 shards (one blob holds ~1.8 MB there). */
class ChunkedStoreTest {
    private static final int N = 10;
    private static final long MAX = new EncodingConfig(N).maxBlobSize();
    /** Two full chunks and a 5-byte one. */
    private static final int LENGTH = (int) (2 * MAX + 5);

    @TempDir
    Path dir;

    @RegisterExtension
    final GatewayFixture gateway = GatewayFixture.running(StoreCommand::new);

    private byte[] content;
    private Path file;

    @BeforeEach
    void setUp() throws IOException {
        gateway.route("GET", "/status", 200, FakeGateway.status(1, N, 100, 10, 53));
        content = new byte[LENGTH];
        new Random(7).nextBytes(content);
        file = Files.write(dir.resolve("video.bin"), content);
    }

    @Test
    void storesEachChunkAsASignedStoreOfItsRegionThenTheManifest() throws IOException {
        answer(i -> false);

        Captured result = gateway.run(file.toString(), "--epochs", "2");

        assertEquals(0, result.exitCode(), result.err());
        List<FakeGateway.Request> puts = gateway.requests("PUT", "/v1/blobs");
        assertEquals(4, puts.size(), "three chunks and the manifest");
        List<BlobId> chunkIds = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            byte[] region = Arrays.copyOfRange(content, (int) (i * MAX), (int) Math.min(LENGTH, (i + 1) * MAX));
            assertArrayEquals(region, puts.get(i).body(), "chunk " + i + " is its region of the file");
            assertEquals(String.valueOf(region.length), puts.get(i).header("Content-Length"));
            FloeAccountProto.RegisterBlobOp op = register(puts.get(i));
            assertEquals(idOf(region), BlobId.of(op.getBlobId().toByteArray()));
            assertEquals(region.length, op.getUnencodedLength());
            assertEquals(2, op.getEpochsAhead());
            assertEquals("epochs=2", puts.get(i).query());
            chunkIds.add(idOf(region));
        }
        ChunkManifest manifest = ChunkManifest.parse(puts.get(3).body()).orElseThrow();
        assertEquals(new ChunkManifest(new ChunkLayout(N, LENGTH), chunkIds), manifest);
        BlobId manifestId = idOf(manifest.toBytes());
        assertEquals(manifestId, BlobId.of(register(puts.get(3)).getBlobId().toByteArray()));
        assertEquals("Stored " + file + ": blob ID " + manifestId + ", 3.5 MiB in 3 chunks, end epoch 3, cost 40 FROST\n",
            result.out());
        String blobId = Captured.run(new BlobIdCommand(), file.toString(), "--n-shards", "10").out().strip();
        assertEquals(manifestId.toString(), blobId, "blob-id names the file as store does");
    }

    @Test
    void aChunkAlreadyCertifiedIsNotPaidAgainAndJsonListsTheChunks() throws IOException {
        answer(i -> i == 1);

        Captured result = gateway.run(file.toString(), "--json");

        assertEquals(0, result.exitCode(), result.err());
        JsonNode entry = new ObjectMapper().readTree(result.out()).get(0);
        assertEquals(3, entry.get("chunkCount").asInt());
        assertEquals(3, entry.get("chunks").size());
        assertTrue(entry.get("chunks").get(1).get("blobStoreResult").has("alreadyCertified"), result.out());
        assertEquals(2 * MAX, entry.get("chunks").get(2).get("offset").asLong());
        assertEquals(5, entry.get("chunks").get(2).get("length").asLong());
        String manifestId = entry.get("blobStoreResult").get("newlyCreated").get("blobObject").get("blobId").asText();
        assertEquals(Captured.run(new BlobIdCommand(), file.toString(), "--n-shards", "10").out().strip(),
            manifestId);
        Captured human = gateway.run(file.toString());
        assertTrue(human.out().contains("in 3 chunks (1 already certified), end epoch 3, cost 30 FROST"),
            human.out());
    }

    @Test
    void aFailedChunkStopsTheStoreBeforeTheManifest() throws IOException {
        gateway.respond(exchange -> {
            boolean second = gateway.requests("PUT", "/v1/blobs").size() == 2;
            byte[] body = (second ? FakeGateway.error(400, "INVALID_ARGUMENT", "refused")
                : created(signedId(lastPut()))).getBytes(StandardCharsets.UTF_8);
            FakeGateway.send(exchange, second ? 400 : 200, "application/json", body);
        });

        Captured result = gateway.run(file.toString());

        assertFailure(result, 1, "chunk 2 of 3 (bytes " + MAX + " to " + (2 * MAX - 1) + "): refused");
        assertTrue(result.err().contains("the 1 chunk(s) stored are not paid again when the store is repeated"),
            result.err());
        assertEquals(2, gateway.requests("PUT", "/v1/blobs").size(), "no manifest after a failed chunk");
    }

    @Test
    void dryRunListsTheChunksAndTheTotalCost() {
        Captured human = gateway.run(file.toString(), "--dry-run");
        Captured json = gateway.run(file.toString(), "--dry-run", "--json");

        assertEquals(0, human.exitCode(), human.err());
        long manifestLength = 30 + 3 * 32;
        long total = 0;
        for (long length : new long[] {MAX, MAX, 5, manifestLength}) {
            total += StorageCost.cost(StorageCost.encodedLength(length, N), 1, 100, 10);
        }
        List<String> lines = human.out().lines().toList();
        assertEquals(4, lines.size(), human.out());
        assertTrue(lines.get(0).contains("3.5 MiB in 3 chunks and a manifest of 126 bytes"), lines.get(0));
        assertTrue(lines.get(0).endsWith("total cost " + total + " FROST; nothing was stored"), lines.get(0));
        assertTrue(lines.get(3).startsWith("  chunk 3: blob ID "), lines.get(3));
        assertTrue(lines.get(3).contains(", bytes " + 2 * MAX + " to " + (2 * MAX + 4) + " (5 bytes), cost "),
            lines.get(3));
        assertTrue(json.out().contains("\"storageCost\":" + total + ",\"encodingType\":\"RS2\",\"chunkCount\":3,"),
            json.out());
        assertTrue(gateway.requests("PUT", "/").isEmpty(), "a dry run uploads nothing");
    }

    @Test
    void oneProgressBarRunsOverTheWholeFile() throws IOException {
        Path big = Files.write(dir.resolve("big.bin"), Arrays.copyOf(content, (int) (3 * MAX)));
        answer(i -> false);

        Captured result = gateway.run(big.toString(), "--progress");

        assertEquals(0, result.exitCode(), result.err());
        assertEquals(1, result.err().chars().filter(c -> c == '\n').count(), "one bar, ended once: " + result.err());
        assertTrue(result.err().contains("\rstore " + big + ": 5.2 MiB in "), result.err());
        assertTrue(result.err().contains("100%"), result.err());
    }

    /** Answers every store newlyCreated for the blob ID it signs, or alreadyCertified for the stores asked. */
    private void answer(IntPredicate alreadyCertified) {
        gateway.respond(exchange -> {
            // Four stores per run of the command: three chunks, then the manifest.
            int index = (gateway.requests("PUT", "/v1/blobs").size() - 1) % 4;
            BlobId id = signedId(lastPut());
            String json = alreadyCertified.test(index)
                ? FakeGateway.alreadyCertified(7).replace(FakeGateway.BLOB_ID, id.toString()) : created(id);
            FakeGateway.send(exchange, 200, "application/json", json.getBytes(StandardCharsets.UTF_8));
        });
    }

    private FakeGateway.Request lastPut() {
        List<FakeGateway.Request> puts = gateway.requests("PUT", "/v1/blobs");
        return puts.get(puts.size() - 1);
    }

    private static String created(BlobId id) {
        return FakeGateway.newlyCreated(1, 3, 10).replace(FakeGateway.BLOB_ID, id.toString());
    }

    private static BlobId signedId(FakeGateway.Request put) {
        return BlobId.of(register(put).getBlobId().toByteArray());
    }

    private static FloeAccountProto.RegisterBlobOp register(FakeGateway.Request put) {
        return SignedEnvelope.parseHeader(put.header(SignedEnvelope.HEADER)).parse().getRegisterBlob();
    }

    private static BlobId idOf(byte[] blob) {
        return new BlobEncoder(new EncodingConfig(N)).computeMetadata(blob).blobId();
    }
}
