package io.floe.multijvm;

import io.floe.encoding.index.SliverIndex;
import io.floe.encoding.index.SliverPairIndex;
import io.floe.encoding.index.SliverType;
import io.floe.encoding.metadata.BlobId;
import io.floe.encoding.metadata.BlobMetadata;
import io.floe.encoding.metadata.EncodingType;
import io.floe.encoding.metadata.SliverPairMetadata;
import io.floe.encoding.metadata.VerifiedMetadata;
import io.floe.encoding.redstuff.EncodedBlob;
import io.floe.encoding.redstuff.Sliver;
import io.floe.encoding.redstuff.SliverHash;
import java.util.ArrayList;
import java.util.List;

/**
 * Test-only inconsistent encoding, what a malicious writer uploads: an honest encoding in which one primary sliver is
 * replaced by other bytes and the metadata commits to those bytes' own hash, so the blob ID is the lie's. Every sliver
 * still verifies alone against the metadata; only rebuilding the tampered row from the columns shows the lie.
 */
record InconsistentEncoding(EncodedBlob honest, int tamperedRow, Sliver tampered, VerifiedMetadata metadata) {

    static InconsistentEncoding tamperingPrimary(EncodedBlob honest, int row) {
        Sliver original = honest.sliver(SliverType.PRIMARY, new SliverIndex(row));
        byte[] data = original.data().clone();
        for (int i = 0; i < data.length; i++) {
            data[i] ^= (byte) (0x5A + i);
        }
        Sliver tampered = new Sliver(SliverType.PRIMARY, original.index(), original.symbolSize(), data);
        List<SliverPairMetadata> hashes = new ArrayList<>(honest.metadata().metadata().hashes());
        hashes.set(row, new SliverPairMetadata(SliverHash.of(tampered, honest.config().nShards()),
                hashes.get(row).secondaryHash()));
        BlobMetadata lie = new BlobMetadata(EncodingType.RS2, honest.metadata().metadata().unencodedLength(), hashes);
        return new InconsistentEncoding(honest, row, tampered, new VerifiedMetadata(lie.computeBlobId(), lie));
    }

    BlobId blobId() {
        return metadata.blobId();
    }

    /** The pair the lie's ID puts on shard {@code pair}'s node: the tampered primary in its row, else the honest one. */
    Sliver sliver(SliverPairIndex pair, SliverType type) {
        int n = honest.config().nShards();
        SliverIndex index = pair.sliverIndex(type, n);
        return type == SliverType.PRIMARY && index.value() == tamperedRow ? tampered : honest.sliver(type, index);
    }

    /** The pair that holds the tampered primary sliver (pair i holds primary sliver i). */
    SliverPairIndex tamperedPair() {
        return new SliverPairIndex(tamperedRow);
    }
}
