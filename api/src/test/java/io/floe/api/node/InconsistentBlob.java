package io.floe.api.node;

import io.floe.encoding.index.SliverIndex;
import io.floe.encoding.index.SliverType;
import io.floe.encoding.metadata.BlobMetadata;
import io.floe.encoding.metadata.EncodingType;
import io.floe.encoding.metadata.SliverPairMetadata;
import io.floe.encoding.metadata.VerifiedMetadata;
import io.floe.encoding.redstuff.EncodedBlob;
import io.floe.encoding.redstuff.InconsistencyDetectedException;
import io.floe.encoding.redstuff.InconsistencyProof;
import io.floe.encoding.redstuff.RecoverySymbol;
import io.floe.encoding.redstuff.Sliver;
import io.floe.encoding.redstuff.SliverHash;
import io.floe.encoding.redstuff.SliverRebuilder;
import java.util.ArrayList;
import java.util.List;

/**
 * Test-only malicious writer: an honest encoding with one primary sliver replaced by other bytes, and metadata that
 * commits to those bytes' own hash (so the blob ID is the lie's). Each sliver verifies alone; rows and columns
 * disagree, and rebuilding the tampered row from the columns yields an inconsistency proof.
 */
record InconsistentBlob(EncodedBlob honest, int tamperedRow, Sliver tampered, VerifiedMetadata metadata) {

    static InconsistentBlob tamperingPrimary(EncodedBlob honest, int row) {
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
        return new InconsistentBlob(honest, row, tampered, new VerifiedMetadata(lie.computeBlobId(), lie));
    }

    /** What the blob claims for {@code type} sliver {@code index}: the tampered row, else the honest sliver. */
    Sliver sliver(SliverType type, int index) {
        return type == SliverType.PRIMARY && index == tamperedRow ? tampered : honest.sliver(type, new SliverIndex(index));
    }

    /** The proof a node finds when it rebuilds the tampered row from every column's symbol. */
    InconsistencyProof proof() {
        SliverRebuilder rebuilder = new SliverRebuilder(metadata);
        SliverIndex target = new SliverIndex(tamperedRow);
        List<RecoverySymbol> symbols = new ArrayList<>();
        for (int c = 0; c < honest.config().nShards(); c++) {
            symbols.addAll(rebuilder.recoverySymbols(sliver(SliverType.SECONDARY, c), target));
        }
        try {
            rebuilder.rebuild(SliverType.PRIMARY, target, symbols);
        } catch (InconsistencyDetectedException e) {
            return e.proof();
        }
        throw new AssertionError("row " + tamperedRow + " rebuilt consistently: the tampering did not take");
    }
}
