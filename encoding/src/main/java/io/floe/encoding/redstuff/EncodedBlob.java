package io.floe.encoding.redstuff;

import io.floe.encoding.index.SliverIndex;
import io.floe.encoding.index.SliverPairIndex;
import io.floe.encoding.index.SliverType;
import io.floe.encoding.metadata.BlobId;
import io.floe.encoding.metadata.VerifiedMetadata;

/**
 * A blob encoded for n shards: its verified metadata and all 2n slivers. Secondary slivers are held by sliver
 * index; {@link #pair} hands out pair i = (primary i, secondary n-1-i).
 */
public final class EncodedBlob implements EncodedSlivers {
    private final EncodingConfig config;
    private final int symbolSize;
    private final byte[][] primary;
    private final byte[][] secondary;
    private final VerifiedMetadata metadata;

    EncodedBlob(EncodingConfig config, int symbolSize, byte[][] primary, byte[][] secondary, VerifiedMetadata metadata) {
        this.config = config;
        this.symbolSize = symbolSize;
        this.primary = primary;
        this.secondary = secondary;
        this.metadata = metadata;
    }

    @Override
    public EncodingConfig config() {
        return config;
    }

    @Override
    public int symbolSize() {
        return symbolSize;
    }

    @Override
    public VerifiedMetadata metadata() {
        return metadata;
    }

    @Override
    public BlobId blobId() {
        return metadata.blobId();
    }

    /** The sliver of the given type and sliver index. */
    public Sliver sliver(SliverType type, SliverIndex index) {
        byte[][] slivers = type == SliverType.PRIMARY ? primary : secondary;
        return new Sliver(type, index, symbolSize, slivers[index.value()]);
    }

    /** Sliver pair i: primary sliver i and secondary sliver n-1-i. */
    @Override
    public SliverPair pair(SliverPairIndex index) {
        int n = config.nShards();
        return new SliverPair(index,
            sliver(SliverType.PRIMARY, index.sliverIndex(SliverType.PRIMARY, n)),
            sliver(SliverType.SECONDARY, index.sliverIndex(SliverType.SECONDARY, n)));
    }
}
