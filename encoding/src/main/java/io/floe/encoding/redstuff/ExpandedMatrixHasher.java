package io.floe.encoding.redstuff;

import io.floe.encoding.merkle.HashBatch;
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
        LeafHasher leaf = leafHasher(out);
        for (int j = 0; j < ns; j++) {
            leaf.add(primary[i], j * s, j * 32);
        }
        for (int j = ns; j < n; j++) {
            if (i < np) {
                leaf.add(secondary[j], i * s, j * 32);
            } else {
                leaf.add(corner[i - np], (j - ns) * s, j * 32);
            }
        }
        leaf.flush();
        return out;
    }

    /** Writes the leaf hash of the symbol at {@code src[off]} to {@code out[outOff]}, now or by {@link #flush}. */
    private interface LeafHasher {
        void add(byte[] src, int off, int outOff);

        void flush();
    }

    /** 2-byte symbols are looked up when the table pays for itself; others are hashed four at a time. */
    private LeafHasher leafHasher(byte[] out) {
        long symbols = (long) config.nShards() * config.nShards();
        if (s == 2 && symbols >= TwoByteLeafHashes.WORTHWHILE_SYMBOLS) {
            return new LeafHasher() {
                @Override
                public void add(byte[] src, int off, int outOff) {
                    TwoByteLeafHashes.copy(src, off, out, outOff);
                }

                @Override
                public void flush() {
                }
            };
        }
        HashBatch batch = HashBatch.leaves(s, out);
        return new LeafHasher() {
            @Override
            public void add(byte[] src, int off, int outOff) {
                batch.add(src, off, outOff);
            }

            @Override
            public void flush() {
                batch.flush();
            }
        };
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
