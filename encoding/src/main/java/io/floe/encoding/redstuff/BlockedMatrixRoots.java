package io.floe.encoding.redstuff;

import io.floe.encoding.merkle.MerkleNode;
import io.floe.encoding.merkle.MerkleTree;
import io.floe.encoding.metadata.SliverPairMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The Merkle roots of every row and column of an n x n matrix of leaf hashes fed a block of {@code 2^h} rows at a
 * time, in order, as {@link ExpandedMatrixHasher} does it: a block's leaves give its rows' roots, and each column
 * keeps one subtree root per block until {@link #pairHashes} joins them. Holds {@link ExpandedMatrixHasher#stateBytes}.
 * Callers write leaf (i, j) at {@link #offset} of {@link #leaves} for the rows of the current block, then call
 * {@link #rowsDone}; a call never spans two blocks.
 */
final class BlockedMatrixRoots {
    private static final int NODE = 32;

    private final int n;
    private final int height;
    private final int rows;
    private final int blocks;
    private final byte[][] rowRoots;
    private final byte[][] columnBlocks;
    private final byte[] leaves;
    private int done;

    BlockedMatrixRoots(int n) {
        this.n = n;
        this.height = ExpandedMatrixHasher.blockHeight(n);
        this.rows = Math.min(n, 1 << height);
        this.blocks = (n + rows - 1) / rows;
        this.rowRoots = new byte[n][];
        this.columnBlocks = new byte[n][blocks * NODE];
        this.leaves = new byte[rows * n * NODE];
    }

    /** Rows hashed together; a caller's runs of rows must not cross a multiple of it. */
    int blockRows() {
        return rows;
    }

    byte[] leaves() {
        return leaves;
    }

    /** Where leaf (i, j) goes in {@link #leaves} while row i's block is the current one. */
    int offset(int i, int j) {
        return ((i % rows) * n + j) * NODE;
    }

    /** Rows below {@code end} have all their leaves written; folds the block when {@code end} completes it. */
    void rowsDone(int end) {
        done = end;
        if (end % rows != 0 && end != n) {
            return;
        }
        int block = (end - 1) / rows;
        int first = block * rows;
        int count = end - first;
        IntStream.range(0, count).parallel().forEach(r ->
            rowRoots[first + r] = MerkleTree.rootOfLeafHashes(leaves, r * n * NODE, n));
        byte[][] rowArrays = new byte[count][];
        int[] base = new int[count];
        for (int r = 0; r < count; r++) {
            rowArrays[r] = leaves;
            base[r] = r * n * NODE;
        }
        ColumnBlockRoots.hash(rowArrays, base, count, n, blocks == 1 ? -1 : height, columnBlocks, block);
    }

    /** Pair i's hashes: the root of row i and of column n-1-i. */
    List<SliverPairMetadata> pairHashes() {
        if (done != n) {
            throw new IllegalStateException("only " + done + " of " + n + " rows were hashed");
        }
        List<SliverPairMetadata> pairs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            byte[] column = columnBlocks[n - 1 - i];
            byte[] columnRoot = blocks == 1 ? column : MerkleTree.rootOfLeafHashes(column, blocks);
            pairs.add(new SliverPairMetadata(MerkleNode.digest(rowRoots[i]), MerkleNode.digest(columnRoot)));
        }
        return pairs;
    }
}
