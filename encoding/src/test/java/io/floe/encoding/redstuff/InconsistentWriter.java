package io.floe.encoding.redstuff;

import io.floe.encoding.index.SliverIndex;
import io.floe.encoding.index.SliverType;
import io.floe.encoding.merkle.MerkleNode;
import io.floe.encoding.metadata.BlobMetadata;
import io.floe.encoding.metadata.EncodingType;
import io.floe.encoding.metadata.SliverPairMetadata;
import io.floe.encoding.metadata.VerifiedMetadata;
import io.floe.encoding.rs.GfKernels;
import java.util.ArrayList;
import java.util.List;

/**
 * Test-only malicious writer: encodes honestly, then replaces one primary sliver with garbage and commits to the
 * garbage's own hash. Every sliver then verifies against the metadata, yet rows and columns disagree.
 */
final class InconsistentWriter {
    private final EncodedBlob honest;
    private final int corruptRow;
    private final Sliver corrupted;
    private final VerifiedMetadata metadata;

    private InconsistentWriter(EncodedBlob honest, int corruptRow) {
        this.honest = honest;
        this.corruptRow = corruptRow;
        Sliver original = honest.sliver(SliverType.PRIMARY, new SliverIndex(corruptRow));
        byte[] data = original.data().clone();
        for (int i = 0; i < data.length; i++) {
            data[i] ^= (byte) (0x5A + i);
        }
        this.corrupted = new Sliver(SliverType.PRIMARY, original.index(), original.symbolSize(), data);
        EncodingConfig config = honest.config();
        List<SliverPairMetadata> pairs = new ArrayList<>(honest.metadata().metadata().hashes());
        byte[] lie = SliverExpander.hash(config, GfKernels.scalar(), corrupted);
        pairs.set(corruptRow, new SliverPairMetadata(MerkleNode.digest(lie), pairs.get(corruptRow).secondaryHash()));
        BlobMetadata forged = new BlobMetadata(EncodingType.RS2,
            honest.metadata().metadata().unencodedLength(), pairs);
        this.metadata = new VerifiedMetadata(forged.computeBlobId(), forged);
    }

    static InconsistentWriter corruptingPrimarySliver(int n, byte[] blob, int row) {
        return new InconsistentWriter(new BlobEncoder(new EncodingConfig(n)).encode(blob), row);
    }

    VerifiedMetadata metadata() {
        return metadata;
    }

    Sliver sliver(SliverType type, int index) {
        if (type == SliverType.PRIMARY && index == corruptRow) {
            return corrupted;
        }
        return honest.sliver(type, new SliverIndex(index));
    }
}
