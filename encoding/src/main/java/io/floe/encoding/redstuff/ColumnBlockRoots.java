package io.floe.encoding.redstuff;

import io.floe.encoding.merkle.MerkleTree;
import java.util.stream.IntStream;

/**
 * The column half of a block of rows of the expanded matrix's leaf hashes: for each column j, its node over the
 * block's rows, stored at {@code block * 32} of {@code columnBlocks[j]} ({@link ExpandedMatrixHasher},
 * {@link BlockedMatrixRoots}). A full block's columns are subtrees of 2^h leaves, hashed eight at a time
 * ({@link MerkleTree#subtreeRootsOfLeafHashes}): one column's upper levels alone fill a vector of eight lanes with
 * four, two and one pair, eight columns' fill it.
 */
final class ColumnBlockRoots {
    private static final int NODE = 32;
    /** Columns hashed together in a full block: the lanes of the widest hasher. */
    private static final int GROUP = 8;
    private static final ThreadLocal<byte[][]> BUFFER = ThreadLocal.withInitial(() -> new byte[1][0]);

    private ColumnBlockRoots() {
    }

    /**
     * Leaf (r, j) of the block, for r below {@code count}, is at {@code rows[r][base[r] + 32 j]}. {@code height} is
     * the block's subtree height when the matrix has several blocks (then a block short of 2^h rows is the last
     * one, its columns hashed one by one with their padding), or -1 when the block is the whole matrix and each
     * column's node is its root.
     */
    static void hash(byte[][] rows, int[] base, int count, int n, int height, byte[][] columnBlocks, int block) {
        hash(rows, base, count, IntStream.range(0, n).toArray(), n, height, columnBlocks, block);
    }

    /** As {@link #hash(byte[][], int[], int, int, int, byte[][], int)} for the columns {@code columns[0..width)}. */
    static void hash(byte[][] rows, int[] base, int count, int[] columns, int width, int height,
                     byte[][] columnBlocks, int block) {
        int group = height >= 0 && count == 1 << height ? GROUP : 1;
        int groups = (width + group - 1) / group;
        ExpandedMatrixHasher.forEachSpread(groups, g -> {
            int first = g * group;
            int lanes = Math.min(group, width - first);
            byte[] column = buffer(lanes * count * NODE);
            for (int r = 0; r < count; r++) {
                for (int c = 0; c < lanes; c++) {
                    System.arraycopy(rows[r], base[r] + columns[first + c] * NODE, column, (c * count + r) * NODE,
                        NODE);
                }
            }
            byte[] nodes = group > 1 ? MerkleTree.subtreeRootsOfLeafHashes(column, lanes, height)
                : height < 0 ? MerkleTree.rootOfLeafHashes(column, count)
                : MerkleTree.subtreeRootOfLeafHashes(column, count, height);
            for (int c = 0; c < lanes; c++) {
                System.arraycopy(nodes, c * NODE, columnBlocks[columns[first + c]], block * NODE, NODE);
            }
        });
    }

    /** This thread's gather buffer, at least {@code bytes} long. */
    private static byte[] buffer(int bytes) {
        byte[][] holder = BUFFER.get();
        if (holder[0].length < bytes) {
            holder[0] = new byte[bytes];
        }
        return holder[0];
    }
}
