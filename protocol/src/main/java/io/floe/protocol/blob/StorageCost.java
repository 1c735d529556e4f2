package io.floe.protocol.blob;

import io.floe.encoding.redstuff.EncodingConfig;

/**
 * What storing a blob costs, computed exactly as Walrus does: the encoded length counts every shard's sliver pair
 * and a copy of the metadata per shard, storage is bought in whole 1 MiB units, and a unit costs the storage price
 * for each epoch plus the write price once.
 *
 * <p>Invariant: every method is a pure function of its arguments, and arithmetic that would overflow a
 * {@code long} throws {@link ArithmeticException} instead of wrapping (a wrapped cost would be a free blob).
 */
public final class StorageCost {
    /** Walrus's {@code BYTES_PER_UNIT_SIZE}: storage is bought in units of 1 MiB of encoded length. */
    public static final long BYTES_PER_UNIT = 1024L * 1024L;
    private static final int DIGEST_LENGTH = 32;
    private static final int BLOB_ID_LENGTH = 32;

    private StorageCost() {
    }

    /**
     * Walrus's {@code encoded_blob_length_for_n_shards}: {@code n * metadataLength(n) + encodedSliversLength}.
     *
     * @throws io.floe.encoding.redstuff.BlobTooLargeException if the blob does not fit the network's codes
     */
    public static long encodedLength(long unencodedLength, int nShards) {
        return Math.addExact(Math.multiplyExact((long) nShards, metadataLength(nShards)),
                encodedSliversLength(unencodedLength, nShards));
    }

    /** Bytes of one copy of the metadata: a primary and a secondary hash per shard, and the blob ID. */
    public static long metadataLength(int nShards) {
        return (long) nShards * DIGEST_LENGTH * 2 + BLOB_ID_LENGTH;
    }

    /** Bytes of all sliver pairs: {@code n * (primary sliver + secondary sliver)} at the blob's symbol size. */
    public static long encodedSliversLength(long unencodedLength, int nShards) {
        EncodingConfig config = new EncodingConfig(nShards);
        int symbolSize = config.symbolSize(unencodedLength);
        long pairBytes = (long) config.primarySliverBytes(symbolSize) + config.secondarySliverBytes(symbolSize);
        return Math.multiplyExact((long) nShards, pairBytes);
    }

    /** Storage units for an encoded length: {@code ceil(encodedLength / 1 MiB)}. */
    public static long storageUnits(long encodedLength) {
        if (encodedLength < 0) {
            throw new IllegalArgumentException("encoded length must be >= 0: " + encodedLength);
        }
        // Not (length + unit - 1) / unit: that overflows for lengths near Long.MAX_VALUE.
        return encodedLength / BYTES_PER_UNIT + (encodedLength % BYTES_PER_UNIT == 0 ? 0 : 1);
    }

    /** FROST for {@code epochs} epochs of storage: {@code units * (storagePrice * epochs + writePrice)}. */
    public static long cost(long encodedLength, int epochs, long storagePricePerUnit, long writePricePerUnit) {
        if (epochs < 0 || storagePricePerUnit < 0 || writePricePerUnit < 0) {
            throw new IllegalArgumentException("epochs and prices must be >= 0: " + epochs + ", "
                    + storagePricePerUnit + ", " + writePricePerUnit);
        }
        long perUnit = Math.addExact(Math.multiplyExact(storagePricePerUnit, (long) epochs), writePricePerUnit);
        return Math.multiplyExact(storageUnits(encodedLength), perUnit);
    }
}
