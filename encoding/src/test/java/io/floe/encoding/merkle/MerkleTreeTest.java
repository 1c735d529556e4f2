package io.floe.encoding.merkle;

import static io.floe.encoding.merkle.MerkleReference.leafHash;
import static io.floe.encoding.merkle.MerkleReference.leafHashes;
import static io.floe.encoding.merkle.MerkleReference.leaves;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MerkleTreeTest {
    /** The inputs of merkle.rs's own tests. */
    static final byte[][] WALRUS_TEST_INPUT = Arrays.stream(
            new String[] {"foo", "bar", "fizz", "baz", "buzz", "fizz", "foobar", "walrus", "fizz"})
        .map(s -> s.getBytes(StandardCharsets.US_ASCII))
        .toArray(byte[][]::new);

    @Test
    void everyConstructionMatchesTheNaiveReferenceFor0To17Leaves() {
        for (int count = 0; count <= 17; count++) {
            byte[][] leaves = leaves(count, count);
            byte[] expected = MerkleReference.rootOfData(leaves);
            byte[][] hashes = leafHashes(leaves);
            byte[] packedAt5 = MerkleReference.pack(hashes, 5);
            assertArrayEquals(expected, MerkleTree.fromLeafData(leaves).root(), "fromLeafData " + count);
            assertArrayEquals(expected, MerkleTree.fromLeafHashes(hashes).root(), "fromLeafHashes " + count);
            assertArrayEquals(expected, MerkleTree.fromPackedLeafHashes(packedAt5, 5, count).root(), "packed " + count);
            assertArrayEquals(expected, MerkleTree.rootOfLeafHashes(MerkleReference.pack(hashes, 0), count),
                "rootOfLeafHashes " + count);
            assertArrayEquals(expected, MerkleTree.rootOfLeafHashes(packedAt5, 5, count), "offset " + count);
        }
    }

    @Test
    void rootOfLeafHashesMatchesTheTreeForLargerCountsAndLeavesItsInputAlone() {
        for (int count : new int[] {31, 32, 33, 100, 334, 667, 1000, 1025, 2100}) {
            byte[][] hashes = leafHashes(leaves(count, 99));
            byte[] packed = MerkleReference.pack(hashes, 0);
            byte[] before = packed.clone();
            assertArrayEquals(MerkleTree.fromLeafHashes(hashes).root(), MerkleTree.rootOfLeafHashes(packed, count));
            assertArrayEquals(before, packed, "input modified for " + count);
        }
    }

    /** merkle.rs test_merkle_tree_empty: the empty tree's root is Node::Empty, bytes all zero. */
    /**
     * The pair memo of the reductions outlives each call: sparse trees (runs of one leaf, as a zero row) interleaved
     * with dense ones and with runs that start, end and restart inside a hash batch must still give every root.
     */
    @Test
    void rootsStayExactWhenTreesShareAndBreakRepeatedPairs() {
        byte[][] pool = leafHashes(leaves(7, 5));
        Random random = new Random(16);
        for (int t = 0; t < 60; t++) {
            int count = 1 + random.nextInt(300);
            byte[][] hashes = new byte[count][];
            int run = random.nextInt(40);
            for (int i = 0; i < count; i++) {
                hashes[i] = (i / (run + 1)) % 3 == 0 ? pool[0] : pool[random.nextInt(t % 2 == 0 ? 2 : pool.length)];
            }
            byte[] expected = MerkleReference.root(Arrays.asList(hashes));
            byte[] packed = MerkleReference.pack(hashes, 0);
            assertArrayEquals(expected, MerkleTree.rootOfLeafHashes(packed, count), "tree " + t);
            assertArrayEquals(expected, MerkleTree.fromLeafHashes(hashes).root(), "built tree " + t);
        }
    }

    @Test
    void emptyTreeHasTheEmptyRoot() {
        MerkleTree tree = MerkleTree.fromLeafData(new byte[0][]);
        assertArrayEquals(new byte[32], tree.root());
        assertEquals(MerkleNode.EMPTY, tree.rootNode());
        assertEquals(0, tree.leafCount());
        assertArrayEquals(new byte[32], MerkleTree.rootOfLeafHashes(new byte[0], 0));
    }

    /** merkle.rs test_merkle_tree_single_element: one leaf is its own root, unpadded. */
    @Test
    void singleLeafIsItsOwnRoot() {
        byte[] test = "Test".getBytes(StandardCharsets.US_ASCII);
        MerkleTree tree = MerkleTree.fromLeafData(new byte[][] {test});
        assertArrayEquals(leafHash(test), tree.root());
        assertEquals(MerkleNode.digest(leafHash(test)), tree.rootNode());
        assertEquals(MerkleProof.empty(), tree.proof(0));
    }

    /** merkle.rs test_merkle_tree_empty_element: an empty leaf still hashes as H(0x00). */
    @Test
    void emptyLeafHashesThePrefixAlone() {
        MerkleTree tree = MerkleTree.fromLeafData(new byte[][] {new byte[0]});
        assertArrayEquals(MerkleReference.bcBlake2b256(new byte[] {0}), tree.root());
    }

    /** merkle.rs test_get_path_out_of_bounds, plus negative indices and the leaf count itself. */
    @Test
    void refusesProofsForIndicesOutsideTheLeaves() {
        for (int count = 0; count < WALRUS_TEST_INPUT.length; count++) {
            MerkleTree tree = MerkleTree.fromLeafData(Arrays.copyOf(WALRUS_TEST_INPUT, count));
            int nextPowerOfTwo = count <= 1 ? 1 : Integer.highestOneBit(count - 1) << 1;
            for (int index : new int[] {nextPowerOfTwo, count, -1}) {
                LeafIndexOutOfBoundsException e =
                    assertThrows(LeafIndexOutOfBoundsException.class, () -> tree.proof(index));
                assertEquals(index, e.index());
                assertEquals(count, e.bound());
            }
        }
    }

    @Test
    void proofsHaveTheTreeHeightAndEmptyPaddingSiblings() {
        MerkleTree tree = MerkleTree.fromLeafData(leaves(5, 1));
        // Levels: 5 leaves (+Empty), 3 nodes (+Empty), 2 nodes, root.
        assertEquals(3, tree.proof(0).path().size());
        assertEquals(MerkleNode.EMPTY, tree.proof(4).path().get(0));
        assertEquals(MerkleNode.EMPTY, tree.proof(4).path().get(1));
        assertFalse(tree.proof(4).path().get(2).isEmpty());
        assertFalse(tree.proof(3).path().get(0).isEmpty());
        assertArrayEquals(tree.leafHash(2), tree.proof(3).path().get(0).bytes());
    }

    @Test
    void refusesMalformedLeafHashes() {
        assertThrows(IllegalArgumentException.class, () -> MerkleTree.fromLeafHashes(new byte[][] {new byte[31]}));
        assertThrows(IndexOutOfBoundsException.class, () -> MerkleTree.rootOfLeafHashes(new byte[63], 2));
        assertThrows(IllegalArgumentException.class, () -> MerkleTree.rootOfLeafHashes(new byte[64], -1));
    }

    /** A tree built from the height-h nodes of its aligned 2^h-leaf blocks has the root of the tree over all leaves. */
    @Test
    void joinsSubtreeRootsOfAlignedBlocksIntoTheWholeRoot() {
        Random random = new Random(21);
        for (int count = 2; count <= 300; count += 1 + count / 20) {
            byte[] leaves = new byte[count * 32];
            random.nextBytes(leaves);
            byte[] expected = MerkleTree.rootOfLeafHashes(leaves, count);
            for (int height = 0; (1 << height) < count; height++) {
                int block = 1 << height;
                int blocks = (count + block - 1) / block;
                byte[] nodes = new byte[blocks * 32];
                for (int b = 0; b < blocks; b++) {
                    int size = Math.min(block, count - b * block);
                    byte[] part = Arrays.copyOfRange(leaves, b * block * 32, (b * block + size) * 32);
                    System.arraycopy(MerkleTree.subtreeRootOfLeafHashes(part, size, height), 0, nodes, b * 32, 32);
                }
                assertArrayEquals(expected, MerkleTree.rootOfLeafHashes(nodes, blocks),
                    count + " leaves in blocks of " + block);
            }
        }
        assertThrows(IllegalArgumentException.class, () -> MerkleTree.subtreeRootOfLeafHashes(new byte[96], 3, 1));
    }

    /** The shortcut for a pair equal to the previous one, on runs, alternations and repeats of a few nodes. */
    @Test
    void repeatedNodesGiveTheNaiveRoot() {
        Random random = new Random(8);
        byte[][] distinct = leafHashes(leaves(4, 8));
        for (int trial = 0; trial < 300; trial++) {
            int count = 1 + random.nextInt(70);
            int kinds = 1 + trial % 4;
            byte[][] hashes = new byte[count][];
            for (int i = 0; i < count; i++) {
                // Runs of one node, alternations of two, and random picks among up to four.
                int pick = trial % 3 == 0 ? i / (1 + trial % 7) % kinds
                    : trial % 3 == 1 ? i % kinds : random.nextInt(kinds);
                hashes[i] = distinct[pick];
            }
            byte[] expected = MerkleReference.root(Arrays.asList(hashes));
            assertArrayEquals(expected, MerkleTree.rootOfLeafHashes(MerkleReference.pack(hashes, 0), count),
                "trial " + trial);
            assertArrayEquals(expected, MerkleTree.fromLeafHashes(hashes).root(), "tree, trial " + trial);
        }
    }

    /**
     * Runs of one node between distinct ones, as a sparse blob's rows have them: a run that starts while its first
     * pair's hash is still queued takes its parents from that hash once the batch is flushed, across full batches.
     */
    @Test
    void runsBetweenDistinctNodesGiveTheNaiveRoot() {
        Random random = new Random(31);
        byte[] zero = leafHash(new byte[2]);
        for (int trial = 0; trial < 200; trial++) {
            int count = 2 + random.nextInt(1100);
            byte[][] hashes = new byte[count][];
            int i = 0;
            while (i < count) {
                int run = random.nextInt(trial % 2 == 0 ? 40 : 400);
                for (int r = 0; r < run && i < count; r++) {
                    hashes[i++] = zero;
                }
                int distinct = 1 + random.nextInt(30);
                for (int d = 0; d < distinct && i < count; d++) {
                    byte[] node = new byte[32];
                    random.nextBytes(node);
                    hashes[i++] = node;
                }
            }
            byte[] expected = MerkleReference.root(Arrays.asList(hashes));
            assertArrayEquals(expected, MerkleTree.rootOfLeafHashes(MerkleReference.pack(hashes, 0), count),
                "trial " + trial);
        }
    }

    /** Several full subtrees hashed together give each one's own node, sparse or dense. */
    @Test
    void subtreeRootsOfConsecutiveTreesMatchEachTreeAlone() {
        Random random = new Random(5);
        for (int height = 0; height <= 7; height++) {
            for (int trees = 1; trees <= 9; trees++) {
                int size = 1 << height;
                byte[] leaves = new byte[trees * size * 32];
                for (int leaf = 0; leaf < trees * size; leaf++) {
                    if (random.nextInt(3) == 0 || trees % 2 == 0) {
                        byte[] node = new byte[32];
                        random.nextBytes(node);
                        System.arraycopy(node, 0, leaves, leaf * 32, 32);
                    }
                }
                byte[] nodes = MerkleTree.subtreeRootsOfLeafHashes(leaves, trees, height);
                assertEquals(trees * 32, nodes.length);
                for (int t = 0; t < trees; t++) {
                    byte[] part = Arrays.copyOfRange(leaves, t * size * 32, (t + 1) * size * 32);
                    assertArrayEquals(MerkleTree.subtreeRootOfLeafHashes(part, size, height),
                        Arrays.copyOfRange(nodes, t * 32, (t + 1) * 32), trees + " trees of height " + height);
                }
            }
        }
        assertThrows(IllegalArgumentException.class, () -> MerkleTree.subtreeRootsOfLeafHashes(new byte[64], 0, 1));
        assertThrows(IndexOutOfBoundsException.class, () -> MerkleTree.subtreeRootsOfLeafHashes(new byte[96], 2, 1));
    }
}
