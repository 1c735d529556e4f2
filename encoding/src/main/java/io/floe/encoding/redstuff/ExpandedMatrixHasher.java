package io.floe.encoding.redstuff;

import io.floe.encoding.merkle.Blake2b256;
import io.floe.encoding.merkle.HashBatch;
import io.floe.encoding.merkle.MerkleNode;
import io.floe.encoding.merkle.MerkleTree;
import io.floe.encoding.metadata.SliverPairMetadata;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * Computes every sliver hash of a blob: the Merkle root over the n symbols of each expanded row and column. Each
 * symbol's leaf hash is computed once and serves both its row tree and its column tree. The expanded matrix itself
 * is never assembled, and neither is the n x n grid of leaf hashes: rows are hashed a block of {@code 2^h} at a
 * time, and each column keeps only the roots of its height-h subtrees, one per block
 * ({@link ColumnBlockRoots}), until a last pass joins them. That state is
 * {@code 32 n (2^h + n / 2^h)} bytes, with {@code 2^h} at least sqrt(n) and 64: it grows like {@code n^1.5}, 2.6 MB
 * at n = 1000 and 66 MB at n = 10000, where the grid would take {@code 32 n^2} (32 MB and 3.2 GB).
 */
final class ExpandedMatrixHasher {
    private static final int NODE = 32;
    /** Tasks of {@link #forEachSpread}: enough that the stream's few pieces each sample the range evenly. */
    private static final int SPREAD_TASKS = 64;

    private final EncodingConfig config;
    private final int s;
    private final byte[][] primary;
    private final byte[][] secondary;
    private final byte[][] corner;
    /** 2-byte leaf hashes come from {@link TwoByteLeafHashes}: decided once per matrix. */
    private final boolean lookUpLeaves;

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
        this.lookUpLeaves = s == 2 && TwoByteLeafHashes.worthwhile((long) config.nShards() * config.nShards());
        if (lookUpLeaves) {
            TwoByteLeafHashes.ensureBuilt();
        }
    }

    /** log2 of the rows hashed together: 2^h is sqrt(n) rounded up to a power of two, at least 64. */
    static int blockHeight(int n) {
        int rows = Math.max(64, Integer.highestOneBit((int) Math.ceil(Math.sqrt(n)) - 1) << 1);
        return Integer.numberOfTrailingZeros(rows);
    }

    /** Bytes of hash state while hashing (leaf hashes of one block of rows, subtree roots of every column). */
    static long stateBytes(int n) {
        long rows = Math.min(n, 1L << blockHeight(n));
        long blocks = (n + rows - 1) / rows;
        return (rows + blocks) * n * NODE;
    }

    List<SliverPairMetadata> pairHashes() {
        int n = config.nShards();
        int rows = Math.min(n, 1 << blockHeight(n));
        int blocks = (n + rows - 1) / rows;
        byte[][] rowRoots = new byte[n][];
        byte[][] columnBlocks = new byte[n][blocks * NODE];
        hashBlocks(rows, blocks, rowRoots, columnBlocks);
        List<SliverPairMetadata> pairs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            byte[] column = columnBlocks[n - 1 - i];
            byte[] columnRoot = blocks == 1 ? column : MerkleTree.rootOfLeafHashes(column, blocks);
            pairs.add(new SliverPairMetadata(MerkleNode.digest(rowRoots[i]), MerkleNode.digest(columnRoot)));
        }
        return pairs;
    }

    /**
     * One block after the other, its rows and then its columns in parallel. (Workers taking whole blocks, one
     * parallel step in all, balanced as well and used less CPU, but lost on wall time in a JVM's first calls.)
     */
    private void hashBlocks(int rows, int blocks, byte[][] rowRoots, byte[][] columnBlocks) {
        int n = config.nShards();
        int height = blocks == 1 ? -1 : blockHeight(n);
        boolean[] zero = zeroRows();
        ZeroRow zeroRow = new ZeroRow(n);
        boolean[] zeroColumn = zeroColumns();
        int[] hashed = new int[n];
        int width = 0;
        for (int j = 0; j < n; j++) {
            if (!zeroColumn[j]) {
                hashed[width++] = j;
            }
        }
        // One block's leaf hashes, reused by every block; each thread gathers its columns into its own buffer.
        byte[][] leaves = new byte[rows][n * NODE];
        int[] base = new int[rows];
        for (int b = 0; b < blocks; b++) {
            int first = b * rows;
            int count = Math.min(rows, n - first);
            if (height >= 0 && count == rows && allZero(zero, first, count)) {
                // A block of zero rows: every row is the zero row, every column's node its zero subtree's.
                byte[] node = zeroRow.subtreeNode(height);
                for (int r = first; r < first + count; r++) {
                    rowRoots[r] = zeroRow.root();
                }
                for (int j = 0; j < n; j++) {
                    System.arraycopy(node, 0, columnBlocks[j], b * NODE, NODE);
                }
                continue;
            }
            forEachSpread(count, r -> {
                if (zero[first + r]) {
                    System.arraycopy(zeroRow.leaves(), 0, leaves[r], 0, n * NODE);
                    rowRoots[first + r] = zeroRow.root();
                } else {
                    rowLeaves(first + r, leaves[r]);
                    rowRoots[first + r] = MerkleTree.rootOfLeafHashes(leaves[r], n);
                }
            });
            ColumnBlockRoots.hash(leaves, base, count, hashed, width, height, columnBlocks, b);
            if (width < n) {
                // A zero column's node over this block is the zero row's over as many leaves.
                byte[] node = height < 0 ? zeroRow.root() : count == rows ? zeroRow.subtreeNode(height)
                    : MerkleTree.subtreeRootOfLeafHashes(zeroRow.leaves(), count, height);
                for (int j = 0; j < n; j++) {
                    if (zeroColumn[j]) {
                        System.arraycopy(node, 0, columnBlocks[j], b * NODE, NODE);
                    }
                }
            }
        }
    }

    /**
     * Which expanded columns are all zero symbols: a column whose np source-row symbols (its secondary sliver) are
     * zero, as most columns of a blob of a few bytes are, stays zero in its expansion (the column code is linear).
     * Exact; the scan of a column stops at its first nonzero byte, so a blob of random bytes costs a few reads.
     */
    private boolean[] zeroColumns() {
        int n = config.nShards();
        return zeroPrefixes(secondary, n, config.primarySourceSymbols() * s, n);
    }

    /**
     * Which expanded rows are all zero symbols: a source row (below np) of zeros only, as every row past a small
     * blob's end is, stays zero in its expansion (the row code is linear). Exact; costs a scan of the source rows
     * that stops at the first nonzero byte.
     */
    private boolean[] zeroRows() {
        return zeroPrefixes(primary, config.primarySourceSymbols(), config.secondarySourceSymbols() * s,
            config.nShards());
    }

    /** n flags: whether each of the first {@code count} arrays starts with {@code bytes} zeros (the rest false). */
    private static boolean[] zeroPrefixes(byte[][] arrays, int count, int bytes, int n) {
        byte[] zeros = new byte[bytes];
        boolean[] zero = new boolean[n];
        for (int i = 0; i < count; i++) {
            zero[i] = Arrays.equals(arrays[i], 0, bytes, zeros, 0, bytes);
        }
        return zero;
    }

    private static boolean allZero(boolean[] zero, int from, int count) {
        for (int i = from; i < from + count; i++) {
            if (!zero[i]) {
                return false;
            }
        }
        return true;
    }

    /** The leaves and nodes of a row of n zero symbols, computed on first use (most blobs have no zero row). */
    private final class ZeroRow {
        private final int n;
        private byte[] leaves;
        private byte[] root;
        private byte[] subtree;
        private int subtreeHeight;

        ZeroRow(int n) {
            this.n = n;
        }

        /** The n leaf hashes of zero symbols, packed. */
        synchronized byte[] leaves() {
            if (leaves == null) {
                byte[] leaf = new byte[NODE];
                new Blake2b256().leafHash(new byte[s], 0, s, leaf, 0);
                byte[] packed = new byte[n * NODE];
                for (int j = 0; j < n; j++) {
                    System.arraycopy(leaf, 0, packed, j * NODE, NODE);
                }
                leaves = packed;
            }
            return leaves;
        }

        synchronized byte[] root() {
            if (root == null) {
                root = MerkleTree.rootOfLeafHashes(leaves(), n);
            }
            return root;
        }

        /**
         * The node of a full subtree of zero leaves at {@code height} (at most the block height, so at most n); one
         * matrix asks for one height only, so the last one is kept.
         */
        synchronized byte[] subtreeNode(int height) {
            if (subtree == null || subtreeHeight != height) {
                subtree = MerkleTree.subtreeRootOfLeafHashes(leaves(), 1 << height, height);
                subtreeHeight = height;
            }
            return subtree;
        }
    }

    /**
     * Runs {@code body} for 0..count-1 on all cores, each task taking indices spread over the whole range (every
     * {@code SPREAD_TASKS}-th). A parallel stream over the range would cut it into a few contiguous pieces, and the
     * cost of rows and columns is not uniform: in a small blob's matrix the expensive ones (the recovery corner) are
     * the last third of the columns, which then fell to one task and left the other core idle.
     */
    static void forEachSpread(int count, IntConsumer body) {
        int tasks = Math.min(count, SPREAD_TASKS);
        IntStream.range(0, tasks).parallel().forEach(t -> {
            for (int i = t; i < count; i += tasks) {
                body.accept(i);
            }
        });
    }

    /** Writes the leaf hashes of the n symbols of expanded row i into {@code out}, packed 32 bytes each. */
    private void rowLeaves(int i, byte[] out) {
        int n = config.nShards();
        int np = config.primarySourceSymbols();
        int ns = config.secondarySourceSymbols();
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
    }

    /** Writes the leaf hash of the symbol at {@code src[off]} to {@code out[outOff]}, now or by {@link #flush}. */
    private interface LeafHasher {
        void add(byte[] src, int off, int outOff);

        default void flush() {
        }
    }

    /** 2-byte symbols are looked up when the table pays for itself; others are hashed a vector of lanes at a time. */
    private LeafHasher leafHasher(byte[] out) {
        if (lookUpLeaves) {
            return (src, off, outOff) -> TwoByteLeafHashes.copy(src, off, out, outOff);
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
}
