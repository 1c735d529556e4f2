package io.floe.encoding.chunks;

import io.floe.encoding.redstuff.EncodingConfig;

/**
 * How a byte stream too large for one RS2 blob at n shards is cut (DESIGN-ADDENDA §14): chunks of exactly
 * {@link EncodingConfig#maxBlobSize()} bytes, the last one shorter. A stream within that size is one blob, stored as
 * Walrus stores it; only a larger one is chunked.
 *
 * <p>Invariant: the chunk count fits an {@code int}, so every index and count below is exact; {@link #fits} checks
 * that in long arithmetic, so untrusted sizes (a manifest's header) are refused before a layout is built.
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
        if (chunkCountOf(nShards, totalLength) > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(totalLength + " bytes need more than " + Integer.MAX_VALUE
                + " chunks at n = " + nShards);
        }
    }

    /** Whether {@code new ChunkLayout(nShards, totalLength)} would succeed; never throws. */
    public static boolean fits(int nShards, long totalLength) {
        return nShards >= EncodingConfig.MIN_SHARDS && nShards <= EncodingConfig.MAX_SHARDS && totalLength >= 0
            && chunkCountOf(nShards, totalLength) <= Integer.MAX_VALUE;
    }

    /**
     * Chunks a stream of {@code totalLength >= 0} bytes needs at a valid {@code nShards}, in long arithmetic:
     * exact for any length (no {@code total + size - 1} that could overflow), 1 when it is not chunked.
     */
    public static long chunkCountOf(int nShards, long totalLength) {
        long size = new EncodingConfig(nShards).maxBlobSize();
        return totalLength <= size ? 1 : (totalLength - 1) / size + 1;
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
        return (int) chunkCountOf(nShards, totalLength);
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
