package io.floe.encoding.testing;

import io.floe.encoding.index.SliverIndex;
import io.floe.encoding.index.SliverPairIndex;
import io.floe.encoding.index.SliverType;
import io.floe.encoding.metadata.BlobId;
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
import io.floe.encoding.redstuff.SliverPair;
import io.floe.encoding.redstuff.SliverRebuilder;
import java.util.ArrayList;
import java.util.List;

/**
 * What a malicious writer uploads, for tests: an honest encoding in which one primary sliver is replaced by other
 * bytes ({@link #garbled}) and the metadata commits to those bytes' own hash, so the blob ID is the lie's.
 *
 * <p>Invariant: every sliver it hands out verifies alone against {@link #metadata()}; rows and columns disagree, so
 * only rebuilding or decoding across the tampered row shows the lie ({@link #proof()} is what a node then finds).
 */
public record InconsistentEncoding(EncodedBlob honest, SliverIndex tamperedRow, Sliver tampered,
                                   VerifiedMetadata metadata) {

    /** Tampers primary sliver {@code row} of {@code honest} and recommits its hash (and so the blob ID). */
    public static InconsistentEncoding tamperingPrimary(EncodedBlob honest, int row) {
        SliverIndex index = new SliverIndex(row);
        Sliver tampered = garbled(honest.sliver(SliverType.PRIMARY, index));
        List<SliverPairMetadata> hashes = new ArrayList<>(honest.metadata().metadata().hashes());
        hashes.set(row, new SliverPairMetadata(SliverHash.of(tampered, honest.config().nShards()),
                hashes.get(row).secondaryHash()));
        BlobMetadata lie = new BlobMetadata(EncodingType.RS2, honest.metadata().metadata().unencodedLength(), hashes);
        return new InconsistentEncoding(honest, index, tampered, new VerifiedMetadata(lie.computeBlobId(), lie));
    }

    /**
     * The same sliver (type, index, symbol size) with every byte changed: XOR with {@code 0x5A + i}, so no byte
     * keeps its value and no symbol stays as it was.
     */
    public static Sliver garbled(Sliver sliver) {
        byte[] data = sliver.data().clone();
        for (int i = 0; i < data.length; i++) {
            data[i] ^= (byte) (0x5A + i);
        }
        return new Sliver(sliver.type(), sliver.index(), sliver.symbolSize(), data);
    }

    public BlobId blobId() {
        return metadata.blobId();
    }

    /** What the lie claims for {@code type} sliver {@code index}: the tampered row, else the honest sliver. */
    public Sliver sliver(SliverType type, SliverIndex index) {
        return type == SliverType.PRIMARY && index.equals(tamperedRow) ? tampered : honest.sliver(type, index);
    }

    /** Pair {@code index} as the lie's uploader sends it to the pair's shard: primary i and secondary n-1-i. */
    public SliverPair pair(SliverPairIndex index) {
        int n = honest.config().nShards();
        return new SliverPair(index, sliver(SliverType.PRIMARY, index.sliverIndex(SliverType.PRIMARY, n)),
                sliver(SliverType.SECONDARY, index.sliverIndex(SliverType.SECONDARY, n)));
    }

    /** The pair that holds the tampered primary sliver (pair i holds primary sliver i). */
    public SliverPairIndex tamperedPair() {
        return SliverPairIndex.of(SliverType.PRIMARY, tamperedRow, honest.config().nShards());
    }

    /** The proof a node finds when it rebuilds the tampered row from every column's symbol. */
    public InconsistencyProof proof() {
        SliverRebuilder rebuilder = new SliverRebuilder(metadata);
        List<RecoverySymbol> symbols = new ArrayList<>();
        for (int c = 0; c < honest.config().nShards(); c++) {
            symbols.addAll(rebuilder.recoverySymbols(sliver(SliverType.SECONDARY, new SliverIndex(c)), tamperedRow));
        }
        try {
            rebuilder.rebuild(SliverType.PRIMARY, tamperedRow, symbols);
        } catch (InconsistencyDetectedException e) {
            return e.proof();
        }
        throw new AssertionError("row " + tamperedRow.value() + " rebuilt consistently: the tampering did not take");
    }
}
