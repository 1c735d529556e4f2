package io.floe.encoding.redstuff;

import io.floe.encoding.index.SliverPairIndex;
import io.floe.encoding.metadata.VerifiedMetadata;

/**
 * A blob encoded by {@link FileBlobEncoder}: metadata on the heap, slivers in a file that {@link #close} deletes.
 * {@link #pair} reads one pair from the file (an {@link java.io.UncheckedIOException} if the file cannot be read).
 *
 * <p>CONTRACT STUB: this first version holds the slivers in memory.
 */
public final class EncodedBlobFile implements EncodedSlivers, AutoCloseable {
    private final EncodedBlob encoded;

    EncodedBlobFile(EncodedBlob encoded) {
        this.encoded = encoded;
    }

    @Override
    public EncodingConfig config() {
        return encoded.config();
    }

    @Override
    public int symbolSize() {
        return encoded.symbolSize();
    }

    @Override
    public VerifiedMetadata metadata() {
        return encoded.metadata();
    }

    @Override
    public SliverPair pair(SliverPairIndex index) {
        return encoded.pair(index);
    }

    /** Deletes the sliver file; pairs cannot be read afterwards. */
    @Override
    public void close() {
    }
}
