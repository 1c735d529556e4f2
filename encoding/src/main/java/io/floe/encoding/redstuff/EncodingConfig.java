package io.floe.encoding.redstuff;

import io.floe.encoding.index.SliverType;

/**
 * Red Stuff RS2 parameters for a network of {@code n} shards: f = floor((n-1)/3) faulty shards tolerated,
 * {@code np = n - 2f} primary and {@code ns = n - f} secondary source symbols (DESIGN.md §3).
 */
public record EncodingConfig(int nShards) {
    /** Smallest shard count whose codes leave room for recovery symbols on both axes. */
    public static final int MIN_SHARDS = 4;
    /**
     * Largest shard count both GF(2^16) codes can serve: from 49,156 on, the primary code (np originals, 2f
     * recovery) needs more than the field's 65,536 evaluation points (reed-solomon-simd refuses it too).
     */
    public static final int MAX_SHARDS = 49155;
    /** Largest even symbol size that fits a u16. */
    public static final int MAX_SYMBOL_SIZE = 65534;

    public EncodingConfig {
        if (nShards < MIN_SHARDS || nShards > MAX_SHARDS) {
            throw new InvalidShardCountException(nShards);
        }
    }

    public int maxFaulty() {
        return (nShards - 1) / 3;
    }

    /** Source symbols per column code: the number of primary slivers that determine a blob. */
    public int primarySourceSymbols() {
        return nShards - 2 * maxFaulty();
    }

    /** Source symbols per row code: the number of secondary slivers that determine a blob. */
    public int secondarySourceSymbols() {
        return nShards - maxFaulty();
    }

    /**
     * Slivers of this type needed to decode a blob: np primary or ns secondary. It is also the number of symbols in
     * a sliver of the other type.
     */
    public int sourceSymbols(SliverType type) {
        return type == SliverType.PRIMARY ? primarySourceSymbols() : secondarySourceSymbols();
    }

    /** Largest blob this network can encode: np * ns * 65534 bytes. */
    public long maxBlobSize() {
        return (long) primarySourceSymbols() * secondarySourceSymbols() * MAX_SYMBOL_SIZE;
    }

    /** Symbol size for a blob: ceil(max(len, 1) / (np * ns)) rounded up to even. */
    public int symbolSize(long unencodedLength) {
        if (unencodedLength < 0 || unencodedLength > maxBlobSize()) {
            throw new BlobTooLargeException(unencodedLength, maxBlobSize(), nShards);
        }
        long symbols = (long) primarySourceSymbols() * secondarySourceSymbols();
        long size = (Math.max(unencodedLength, 1) + symbols - 1) / symbols;
        return (int) (size + (size & 1));
    }

    /** Bytes of a primary sliver (a row of ns symbols). */
    public int primarySliverBytes(int symbolSize) {
        return secondarySourceSymbols() * symbolSize;
    }

    /** Bytes of a secondary sliver (a column of np symbols). */
    public int secondarySliverBytes(int symbolSize) {
        return primarySourceSymbols() * symbolSize;
    }

    /**
     * Java heap the encoder needs for a blob, roughly: all slivers, the corner of the expanded matrix it hashes
     * but does not keep, and the hashing state. Used to refuse up front what would end in OutOfMemoryError.
     */
    public long encodingMemoryBytes(long unencodedLength) {
        long s = symbolSize(unencodedLength);
        long n = nShards;
        long slivers = n * (primarySourceSymbols() + secondarySourceSymbols()) * s;
        long corner = (n - primarySourceSymbols()) * (n - secondarySourceSymbols()) * s;
        return slivers + corner + ExpandedMatrixHasher.stateBytes(nShards);
    }
}
