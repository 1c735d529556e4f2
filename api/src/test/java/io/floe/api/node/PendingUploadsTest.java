package io.floe.api.node;

import static io.floe.api.node.NodeApiFixture.encode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.api.json.ApiException;
import io.floe.encoding.index.SliverPairIndex;
import io.floe.encoding.metadata.VerifiedMetadata;
import io.floe.encoding.redstuff.EncodedBlob;
import io.floe.encoding.redstuff.Sliver;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The bounds of the pending-upload buffer: metadata and slivers counted, one blob's share capped, expiry. */
class PendingUploadsTest {
    private static final long HOUR = TimeUnit.HOURS.toNanos(1);
    private static final long METADATA_BYTES =
            (long) NodeApiFixture.N * PendingUploads.METADATA_PAIR_BYTES + PendingUploads.FRAMING_BYTES;

    @Test
    void countsMetadataAndSliversByTheirData() {
        PendingUploads pending = new PendingUploads(PendingUploads.DEFAULT_MAX_BYTES, HOUR);
        EncodedBlob blob = encode(2000, 21);
        Sliver sliver = primary(blob, 0);

        pending.putMetadata(blob.metadata());
        pending.putSliver(blob.blobId(), new SliverPairIndex(0), sliver);

        assertEquals(METADATA_BYTES + sliver.data().length + PendingUploads.FRAMING_BYTES, pending.bytes());
        pending.take(blob.blobId());
        assertEquals(0, pending.bytes(), "taking the upload releases its bytes");
    }

    @Test
    void refusesMetadataBeyondTheBound() {
        // Room for four blobs' metadata: a blob's share, a quarter of the bound, holds its metadata.
        PendingUploads pending = new PendingUploads(4 * METADATA_BYTES, HOUR);
        for (int i = 0; i < 4; i++) {
            assertTrue(pending.putMetadata(metadata(30 + i)));
        }
        ApiException full = assertThrows(ApiException.class, () -> pending.putMetadata(metadata(40)));
        assertEquals(PendingUploads.CACHE_SATURATED, full.code());
    }

    @Test
    void capsOneBlobToItsShareOfTheBound() {
        EncodedBlob big = encode(2000, 22);
        long sliverBytes = primary(big, 0).data().length + PendingUploads.FRAMING_BYTES;
        // A quarter of the bound holds the metadata and one sliver, not two.
        PendingUploads pending = new PendingUploads(4 * (METADATA_BYTES + sliverBytes + sliverBytes / 2), HOUR);
        pending.putMetadata(big.metadata());
        pending.putSliver(big.blobId(), new SliverPairIndex(0), primary(big, 0));

        ApiException share = assertThrows(ApiException.class,
                () -> pending.putSliver(big.blobId(), new SliverPairIndex(1), primary(big, 1)));
        assertEquals(PendingUploads.CACHE_SATURATED, share.code());
        assertTrue(pending.putMetadata(metadata(23)), "another blob still has room");
    }

    @Test
    void dropsExpiredUploadsAndTheirBytes() {
        PendingUploads pending = new PendingUploads(PendingUploads.DEFAULT_MAX_BYTES, -1);
        EncodedBlob blob = encode(2000, 24);
        pending.putMetadata(blob.metadata());

        assertTrue(pending.metadata(blob.blobId()).isEmpty());
        assertEquals(0, pending.bytes());
    }

    @Test
    void dropsUploadsHeldForAGatewaySoonerThanWalrusPendingUploads() {
        PendingUploads pending = new PendingUploads(PendingUploads.DEFAULT_MAX_BYTES, HOUR, -1);
        VerifiedMetadata held = metadata(50);
        VerifiedMetadata walrus = metadata(51);
        pending.holdMetadata(held);
        pending.putMetadata(walrus);

        assertTrue(pending.metadata(held.blobId()).isEmpty(), "the held upload's own TTL passed");
        assertTrue(pending.metadata(walrus.blobId()).isPresent());
        assertEquals(METADATA_BYTES, pending.bytes());
    }

    @Test
    void heldUploadsHaveTheirOwnShareOfTheBytes() {
        // Room for four blobs' metadata, of which held uploads may take two.
        PendingUploads pending = new PendingUploads(4 * METADATA_BYTES, HOUR);
        assertTrue(pending.holdMetadata(metadata(60)));
        assertTrue(pending.holdMetadata(metadata(61)));

        ApiException full = assertThrows(ApiException.class, () -> pending.holdMetadata(metadata(62)));
        assertEquals(PendingUploads.CACHE_SATURATED, full.code());
        assertTrue(pending.putMetadata(metadata(63)), "Walrus's pending uploads keep their room");
        assertTrue(pending.putMetadata(metadata(64)));
    }

    @Test
    void heldUploadsHaveTheirOwnShareOfTheBlobs() {
        PendingUploads pending = new PendingUploads(PendingUploads.DEFAULT_MAX_BYTES, HOUR);
        for (int i = 0; i < PendingUploads.MAX_HELD_BLOBS; i++) {
            pending.holdMetadata(metadata(1000 + i));
        }

        ApiException full = assertThrows(ApiException.class, () -> pending.holdMetadata(metadata(999)));
        assertEquals(PendingUploads.CACHE_SATURATED, full.code());
        assertTrue(pending.putMetadata(metadata(998)), "Walrus's pending uploads keep their room");
        pending.take(metadata(1000).blobId());
        assertTrue(pending.holdMetadata(metadata(999)), "a taken held upload frees its place");
    }

    private static VerifiedMetadata metadata(long seed) {
        return encode(100, seed).metadata();
    }

    private static Sliver primary(EncodedBlob blob, int pair) {
        return blob.pair(new SliverPairIndex(pair)).primary();
    }
}
