package io.floe.encoding.chunks;

import io.floe.encoding.redstuff.EncodingConfig;

/**
 * How a byte stream too large for one RS2 blob at n shards is cut (DESIGN-ADDENDA §14): chunks of exactly
 * {@link EncodingConfig#maxBlobSize()} bytes, the last one shorter. A stream within that size is one blob, stored as
 * Walrus stores it; only a larger one is chunked.
 *
 * @param nShards the network's shard count, which the chunks' blob IDs depend on
 * @param totalLength the whole stream's length
 */
public record ChunkLayout(int nShards, long totalLength) {
    public ChunkLayout {
        new EncodingConfig(nShards);
        if (totalLength < 0) {
            throw new IllegalArgumentException("negative length " + totalLength);
        }
    }

    /** Whether a stream of {@code length} bytes needs chunks at {@code nShards} shards. */
    public static boolean needsChunks(int nShards, long length) {
        return length > new EncodingConfig(nShards).maxBlobSize();
    }

    /** Bytes of every chunk but the last. */
    public long chunkSize() {
        return new EncodingConfig(nShards).maxBlobSize();
    }

    public boolean chunked() {
        return needsChunks(nShards, totalLength);
    }

    /** Chunks of the stream: 1 when it is not chunked. */
    public int chunkCount() {
        return chunked() ? Math.toIntExact((totalLength + chunkSize() - 1) / chunkSize()) : 1;
    }

    /** Offset of chunk {@code i} in the stream. */
    public long offsetOf(int i) {
        checkIndex(i);
        return chunked() ? i * chunkSize() : 0;
    }

    /** Length of chunk {@code i}. */
    public long lengthOf(int i) {
        checkIndex(i);
        return chunked() ? Math.min(chunkSize(), totalLength - offsetOf(i)) : totalLength;
    }

    /** The chunk holding stream byte {@code offset} (0 <= offset < totalLength). */
    public int chunkAt(long offset) {
        if (offset < 0 || offset >= totalLength) {
            throw new IndexOutOfBoundsException("offset " + offset + " outside " + totalLength + " bytes");
        }
        return chunked() ? (int) (offset / chunkSize()) : 0;
    }

    private void checkIndex(int i) {
        if (i < 0 || i >= chunkCount()) {
            throw new IndexOutOfBoundsException("chunk " + i + " of " + chunkCount());
        }
    }
}
