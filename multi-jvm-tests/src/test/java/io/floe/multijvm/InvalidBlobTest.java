package io.floe.multijvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.floe.api.ApiPaths;
import io.floe.encoding.index.ShardIndex;
import io.floe.encoding.index.SliverPairIndex;
import io.floe.encoding.index.SliverType;
import io.floe.encoding.metadata.BlobId;
import io.floe.encoding.redstuff.Sliver;
import io.floe.encoding.redstuff.SliverVerifier;
import io.floe.encoding.testing.InconsistentEncoding;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Scenario 5 of issue 4 on real member JVMs (4 storage nodes, 10 shards: np = 4, validity = 4 shards): a malicious
 * writer certifies an inconsistent encoding (one systematic primary sliver tampered, its hash and the blob ID
 * recomputed so every sliver verifies alone) and gives the tampered pair's node nothing. That node recovers its pairs
 * from the certified blob, finds the tampered row does not rebuild to its hash, and sends the proof to the others;
 * their INVALID_BLOB_ID signatures mark the Blob entity invalid; every node drops the blob and refuses it; the
 * gateway answers 404 {@code BLOB_INVALID}. At no point does a read return bytes.
 */
@MultiJvmTest
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class InvalidBlobTest {
    private static final int NODES = 4;
    private static final int SHARDS = 10;
    /** A systematic row: a read needs it, so even before the blob is marked invalid a read must not succeed. */
    private static final int TAMPERED_ROW = 1;
    /** Recovery starts at the certification event; proof, signatures and the drop follow within seconds. */
    private static final Duration INVALIDATION = Duration.ofSeconds(120);
    private static final String BLOB_INVALID = "BLOB_INVALID";

    /** Shared: NetworkSurvivesNodeFailuresTest's network has the same shape; the writer leaves before it. */
    @RegisterExtension
    static final FloeNetworkExtension NETWORK = FloeNetworkExtension.shared(NetworkSpec.of(NODES, SHARDS));

    private static FloeNetwork network;
    private static Gateway gateway;
    private static MaliciousWriter writer;

    @BeforeAll
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    static void startWriter() throws Exception {
        network = NETWORK.network();
        gateway = new Gateway(network.gatewayUrl());
        Path writerDir = TestDirs.fresh(InvalidBlobTest.class).resolve("malicious-writer");
        writer = MaliciousWriter.join(network.layout(), writerDir);
    }

    @AfterAll
    static void stopWriter() {
        if (writer != null) {
            writer.close();
        }
    }

    @Test
    void inconsistentBlobEndsInvalidEverywhereAndIsNeverServed() {
        InconsistentEncoding lie = InconsistentEncoding.tamperingPrimary(Blobs.encode(Blobs.random(51, 60_000), SHARDS),
                TAMPERED_ROW);
        assertEachSliverVerifiesAlone(lie);

        MaliciousWriter.Upload upload = writer.store(lie, 3);
        BlobId id = upload.blobId();
        assertTrue(upload.certified().certified(), "the lie is certified: nodes holding a quorum signed for it");

        Await.until(INVALIDATION, () -> {
            assertReadServesNoBytes(id);
            return gateway.blobStatus(id).path("status").asText().equals("invalid");
        }, "blob " + id + " to be marked invalid (its skipped node " + upload.skipped() + " must find the lie)");

        for (int i = 0; i < NODES; i++) {
            int node = i;
            Await.until(INVALIDATION, () -> droppedEverything(node, id),
                    "node-" + (node + 1) + " to drop and refuse every sliver and the metadata of " + id);
            JsonNode status = Http.get(network.nodeUrl(i) + ApiPaths.blobStatus(id), Gateway.TIMEOUT).json();
            assertTrue(status.path("success").path("data").path("invalid").isObject(), () -> "node status " + status);
        }
        Blobs.assertError(gateway.read(id), 404, BLOB_INVALID);
        Blobs.assertError(gateway.readRange(id, "bytes=0-99"), 404, BLOB_INVALID);
        String message = Blobs.assertError(gateway.byteRange(id, 10, 100), 404, BLOB_INVALID);
        assertTrue(message.contains("marked invalid"), message);
        assertEquals(true, gateway.blobStatus(id).path("invalid").asBoolean());
    }

    private static void assertEachSliverVerifiesAlone(InconsistentEncoding lie) {
        SliverVerifier verifier = new SliverVerifier(lie.metadata());
        for (int p = 0; p < SHARDS; p++) {
            for (SliverType type : SliverType.values()) {
                Sliver sliver = lie.sliver(type, new SliverPairIndex(p).sliverIndex(type, SHARDS));
                assertTrue(verifier.isValid(sliver), type + " of pair " + p);
            }
        }
    }

    /** Any read answer but bytes: 404 (invalid, or inconsistent when decoded) or 503 (not enough slivers). */
    private static void assertReadServesNoBytes(BlobId id) {
        Http.Response r = gateway.read(id);
        if (r.status() == 200 || r.status() == 206) {
            // An Error, not an exception: Await must not retry past bytes of an inconsistent blob.
            throw new AssertionError("a read of inconsistent blob " + id + " returned " + r.body().length + " bytes");
        }
    }

    /**
     * The node stores nothing of the blob (sliver and metadata status "Nonexistent") and refuses to serve it (404
     * {@code BLOB_INVALID}).
     */
    private static boolean droppedEverything(int node, BlobId id) {
        String base = network.nodeUrl(node);
        if (!stored(base + ApiPaths.metadataStatus(id)).equals("Nonexistent")
                || !errorCode(Http.get(base + ApiPaths.metadata(id), Gateway.TIMEOUT)).equals(BLOB_INVALID)) {
            return false;
        }
        List<Integer> shards = gateway.shardsOf("node-" + (node + 1));
        for (int shard : shards) {
            SliverPairIndex pair = SliverPairIndex.onShard(new ShardIndex(shard), id.rotation(SHARDS), SHARDS);
            for (SliverType type : SliverType.values()) {
                if (!stored(base + ApiPaths.sliverStatus(id, pair, type)).equals("Nonexistent")
                        || !errorCode(Http.get(base + ApiPaths.sliver(id, pair, type), Gateway.TIMEOUT))
                        .equals(BLOB_INVALID)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static String stored(String statusUrl) {
        Http.Response r = Http.get(statusUrl, Gateway.TIMEOUT);
        return r.status() == 200 ? r.json().path("success").path("data").asText() : "HTTP " + r.status();
    }

    private static String errorCode(Http.Response r) {
        return r.status() == 404 ? Blobs.reason(r) : "HTTP " + r.status();
    }
}
