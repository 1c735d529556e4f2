package io.floe.encoding.redstuff;

import io.floe.encoding.index.SliverType;
import io.floe.encoding.merkle.HashBatch;
import io.floe.encoding.merkle.MerkleTree;
import io.floe.encoding.rs.GfKernel;
import io.floe.encoding.rs.ReedSolomon;
import io.floe.encoding.rs.RsParameters;

/**
 * Extends one sliver to its full expanded row or column of n symbols (a primary sliver with the secondary code, a
 * secondary sliver with the primary code). Its Merkle root over the n symbols is the sliver's hash in the metadata,
 * and its symbols are what recovery hands to other nodes.
 */
final class SliverExpander {
    private SliverExpander() {
    }

    /** The n symbols of the sliver's expanded row (primary) or column (secondary), concatenated. */
    static byte[] expand(EncodingConfig config, GfKernel kernel, Sliver sliver) {
        int n = config.nShards();
        int s = sliver.symbolSize();
        byte[][] recovery = recovery(config, kernel, sliver);
        int k = n - recovery.length;
        byte[] out = new byte[n * s];
        System.arraycopy(sliver.data(), 0, out, 0, k * s);
        for (int j = 0; j < n - k; j++) {
            System.arraycopy(recovery[j], 0, out, (k + j) * s, s);
        }
        return out;
    }

    /** The n - k symbols the code adds to the sliver's k (its recovery part of the expanded row or column). */
    private static byte[][] recovery(EncodingConfig config, GfKernel kernel, Sliver sliver) {
        int n = config.nShards();
        int k = sliver.type() == SliverType.PRIMARY
            ? config.secondarySourceSymbols() : config.primarySourceSymbols();
        if (sliver.symbolCount() != k) {
            throw SliverSizeException.symbolCount(sliver, k);
        }
        byte[][] originals = new byte[k][];
        for (int i = 0; i < k; i++) {
            originals[i] = sliver.symbol(i);
        }
        return new ReedSolomon(new RsParameters(k, n - k, sliver.symbolSize()), kernel).encode(originals);
    }

    /** Leaf hashes of the n expanded symbols, packed 32 bytes each. */
    static byte[] leafHashes(byte[] expanded, int n, int s) {
        byte[] leaves = new byte[n * 32];
        HashBatch batch = HashBatch.leaves(s, leaves);
        for (int i = 0; i < n; i++) {
            batch.add(expanded, i * s, i * 32);
        }
        batch.flush();
        return leaves;
    }

    /**
     * The sliver's hash: the Merkle root over its expanded symbols, hashed where they are (the sliver's own k, then
     * the recovery symbols) rather than from a copy of the whole expansion: a node verifies every sliver it receives.
     */
    static byte[] hash(EncodingConfig config, GfKernel kernel, Sliver sliver) {
        int n = config.nShards();
        int s = sliver.symbolSize();
        byte[][] recovery = recovery(config, kernel, sliver);
        int k = n - recovery.length;
        byte[] leaves = new byte[n * 32];
        HashBatch batch = HashBatch.leaves(s, leaves);
        for (int i = 0; i < k; i++) {
            batch.add(sliver.data(), i * s, i * 32);
        }
        for (int j = 0; j < recovery.length; j++) {
            batch.add(recovery[j], 0, (k + j) * 32);
        }
        batch.flush();
        return MerkleTree.rootOfLeafHashes(leaves, n);
    }
}
