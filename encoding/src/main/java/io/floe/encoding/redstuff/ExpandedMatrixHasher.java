package io.floe.encoding.redstuff;

import io.floe.encoding.merkle.Blake2b256;
import io.floe.encoding.merkle.MerkleNode;
import io.floe.encoding.merkle.MerkleTree;
import io.floe.encoding.metadata.SliverPairMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Computes every sliver hash of a blob: the Merkle root over the n symbols of each expanded row and column. Each
 * symbol's leaf hash is computed once and serves both its row tree and its column tree; the grid of leaf hashes
 * (n * n * 32 bytes) is the only state, the expanded matrix itself is never assembled.
 */
final class ExpandedMatrixHasher {
    private final EncodingConfig config;
    private final int s;
    private final byte[][] primary;
    private final byte[][] secondary;
    private final byte[][] corner;

    /**
     * @param primary all n primary slivers (rows, ns symbols each)
     * @param secondary all n secondary slivers by sliver index (columns, np symbols each)
     * @param corner rows np..n-1 of the expanded matrix restricted to columns ns..n-1
     */
    ExpandedMatrixHasher(EncodingConfig config, int s, byte[][] primary, byte[][] secondary, byte[][] corner) {
        this.config = config;
        this.s = s;
        this.primary = primary;
        this.secondary = secondary;
        this.corner = corner;
    }

    List<SliverPairMetadata> pairHashes() {
        int n = config.nShards();
        byte[][] leaves = new byte[n][];
        IntStream.range(0, n).parallel().forEach(i -> leaves[i] = rowLeaves(i));
        byte[][] rowRoots = new byte[n][];
        byte[][] columnRoots = new byte[n][];
        IntStream.range(0, 2 * n).parallel().forEach(t -> {
            if (t < n) {
                rowRoots[t] = MerkleTree.rootOfLeafHashes(leaves[t], n);
            } else {
                columnRoots[t - n] = columnRoot(leaves, t - n);
            }
        });
        List<SliverPairMetadata> pairs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            pairs.add(new SliverPairMetadata(MerkleNode.digest(rowRoots[i]), MerkleNode.digest(columnRoots[n - 1 - i])));
        }
        return pairs;
    }

    /** Leaf hashes of the n symbols of expanded row i, packed 32 bytes each. */
    private byte[] rowLeaves(int i) {
        int n = config.nShards();
        int np = config.primarySourceSymbols();
        int ns = config.secondarySourceSymbols();
        byte[] out = new byte[n * 32];
        LeafHasher leaf = leafHasher();
        for (int j = 0; j < ns; j++) {
            leaf.hash(primary[i], j * s, out, j * 32);
        }
        for (int j = ns; j < n; j++) {
            if (i < np) {
                leaf.hash(secondary[j], i * s, out, j * 32);
            } else {
                leaf.hash(corner[i - np], (j - ns) * s, out, j * 32);
            }
        }
        return out;
    }

    /** Hashes one symbol at {@code src[off]} into {@code out[outOff]}. */
    private interface LeafHasher {
        void hash(byte[] src, int off, byte[] out, int outOff);
    }

    private LeafHasher leafHasher() {
        long symbols = (long) config.nShards() * config.nShards();
        if (s == 2 && symbols >= TwoByteLeafHashes.WORTHWHILE_SYMBOLS) {
            return TwoByteLeafHashes::copy;
        }
        Blake2b256 hasher = new Blake2b256();
        return (src, off, out, outOff) -> hasher.leafHash(src, off, s, out, outOff);
    }

    private static byte[] columnRoot(byte[][] leaves, int j) {
        int n = leaves.length;
        byte[] column = new byte[n * 32];
        for (int i = 0; i < n; i++) {
            System.arraycopy(leaves[i], j * 32, column, i * 32, 32);
        }
        return MerkleTree.rootOfLeafHashes(column, n);
    }
}
