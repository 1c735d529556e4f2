package io.floe.encoding.merkle;

import static io.floe.encoding.merkle.MerkleReference.leaves;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.encoding.bcs.BcsException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class MerkleProofTest {
    @Test
    void everyLeafVerifiesInTreesOf1To33Leaves() {
        for (int count = 1; count <= 33; count++) {
            byte[][] leaves = leaves(count, 1000 + count);
            MerkleTree tree = MerkleTree.fromLeafData(leaves);
            byte[] root = tree.root();
            for (int i = 0; i < count; i++) {
                MerkleProof proof = tree.proof(i);
                String where = count + " leaves, leaf " + i;
                assertEquals(MerkleProof.pathLength(count), proof.path().size(), where);
                assertTrue(proof.verify(root, count, leaves[i], i), where);
                assertTrue(proof.verify(root, leaves[i], i), where);
                assertTrue(proof.verifyLeafHash(root, count, tree.leafHash(i), i), where);
                assertTrue(proof.verifyLeafHash(root, tree.leafHash(i), i), where);
                assertArrayEquals(root, proof.computeRoot(leaves[i], i), where);
            }
        }
    }

    /** merkle.rs test_merkle_path_verify over its own inputs, for every prefix length. */
    @Test
    void walrusTestInputVerifies() {
        byte[][] input = MerkleTreeTest.WALRUS_TEST_INPUT;
        for (int count = 0; count <= input.length; count++) {
            MerkleTree tree = MerkleTree.fromLeafData(Arrays.copyOf(input, count));
            for (int i = 0; i < count; i++) {
                assertTrue(tree.proof(i).verify(tree.root(), count, input[i], i));
            }
        }
    }

    @Test
    void tamperedLeafFailsEverywhere() {
        for (int count = 1; count <= 33; count++) {
            byte[][] leaves = leaves(count, 2000 + count);
            MerkleTree tree = MerkleTree.fromLeafData(leaves);
            for (int i = 0; i < count; i++) {
                byte[] tampered = Arrays.copyOf(leaves[i], leaves[i].length + 1);
                assertFalse(tree.proof(i).verify(tree.root(), count, tampered, i), count + "/" + i);
                if (leaves[i].length > 0) {
                    byte[] flipped = leaves[i].clone();
                    flipped[flipped.length / 2] ^= 1;
                    assertFalse(tree.proof(i).verify(tree.root(), count, flipped, i), count + "/" + i);
                }
            }
        }
    }

    @Test
    void tamperedSiblingFailsAtEveryLevel() {
        for (int count = 2; count <= 33; count++) {
            byte[][] leaves = leaves(count, 3000 + count);
            MerkleTree tree = MerkleTree.fromLeafData(leaves);
            for (int i = 0; i < count; i++) {
                List<MerkleNode> path = tree.proof(i).path();
                for (int level = 0; level < path.size(); level++) {
                    List<MerkleNode> tampered = new ArrayList<>(path);
                    byte[] bytes = path.get(level).bytes();
                    bytes[31] ^= (byte) 0x80;
                    tampered.set(level, MerkleNode.digest(bytes));
                    assertFalse(new MerkleProof(tampered).verify(tree.root(), count, leaves[i], i),
                        count + "/" + i + "@" + level);
                }
            }
        }
    }

    /** Generalises merkle.rs test_merkle_path_verify_fails_for_wrong_index to every other addressable index. */
    @Test
    void wrongIndexFails() {
        for (int count = 1; count <= 33; count++) {
            byte[][] leaves = leaves(count, 4000 + count);
            MerkleTree tree = MerkleTree.fromLeafData(leaves);
            int addressable = 1 << MerkleProof.pathLength(count);
            for (int i = 0; i < count; i++) {
                MerkleProof proof = tree.proof(i);
                for (int other = -1; other <= addressable; other++) {
                    if (other != i) {
                        assertFalse(proof.verify(tree.root(), count, leaves[i], other), count + "/" + i + "->" + other);
                        assertFalse(proof.verify(tree.root(), leaves[i], other), count + "/" + i + "->" + other);
                    }
                }
            }
        }
    }

    @Test
    void indexBeyondThePathIsOutOfBounds() {
        MerkleTree tree = MerkleTree.fromLeafData(leaves(4, 5));
        MerkleProof proof = tree.proof(1);
        LeafIndexOutOfBoundsException e =
            assertThrows(LeafIndexOutOfBoundsException.class, () -> proof.computeRoot(new byte[0], 4));
        assertEquals(4, e.bound());
        assertThrows(LeafIndexOutOfBoundsException.class, () -> proof.computeRootFromLeafHash(new byte[32], -1));
        assertThrows(LeafIndexOutOfBoundsException.class, () -> MerkleProof.empty().computeRoot(new byte[0], 1));
    }

    /** The leaf-count bound is Walrus's check_path_length: a path longer than the tree's height is refused. */
    @Test
    void pathLongerThanTheTreeHeightIsRefusedGivenTheLeafCount() {
        byte[][] leaves = leaves(8, 6);
        MerkleTree tree = MerkleTree.fromLeafData(leaves);
        MerkleProof proof = tree.proof(3);
        assertTrue(proof.verify(tree.root(), 5, leaves[3], 3), "5 leaves also need 3 levels");
        assertFalse(proof.verify(tree.root(), 4, leaves[3], 3), "4 leaves need only 2 levels");
        assertTrue(proof.verify(tree.root(), leaves[3], 3), "the unbounded form does not check the height");
        assertFalse(proof.verifyLeafHash(tree.root(), 4, tree.leafHash(3), 3));
    }

    /** merkle.rs test_path_length table. */
    @Test
    void pathLengthIsTheTreeHeight() {
        int[] expected = {0, 0, 1, 2, 2, 3, 3, 3, 3, 4};
        for (int n = 0; n < expected.length; n++) {
            assertEquals(expected[n], MerkleProof.pathLength(n), "n=" + n);
        }
        assertEquals(10, MerkleProof.pathLength(1000));
        assertEquals(31, MerkleProof.pathLength(Integer.MAX_VALUE));
    }

    @Test
    void wrongSizedRootNeverMatches() {
        byte[][] leaves = leaves(3, 7);
        MerkleTree tree = MerkleTree.fromLeafData(leaves);
        assertFalse(tree.proof(0).verify(Arrays.copyOf(tree.root(), 31), leaves[0], 0));
        assertFalse(tree.proof(0).verify(new byte[32], leaves[0], 0));
    }

    /** Node::bytes() of Empty is zeros, so Walrus verifies an Empty sibling and a zero Digest alike. */
    @Test
    void emptySiblingHashesLikeZeroDigest() {
        byte[][] leaves = leaves(3, 8);
        MerkleTree tree = MerkleTree.fromLeafData(leaves);
        List<MerkleNode> path = new ArrayList<>(tree.proof(2).path());
        assertEquals(MerkleNode.EMPTY, path.get(0));
        path.set(0, MerkleNode.digest(new byte[32]));
        assertTrue(new MerkleProof(path).verify(tree.root(), 3, leaves[2], 2));
        assertFalse(Arrays.equals(tree.proof(2).toBcs(), new MerkleProof(path).toBcs()));
    }

    @Test
    void bcsIsVectorOfNodes() {
        MerkleTree tree = MerkleTree.fromLeafData(leaves(3, 9));
        byte[] bcs = tree.proof(2).toBcs();
        // Two nodes: Empty (tag 0 alone), then Digest (tag 1 + 32 bytes, no length prefix).
        assertEquals(1 + 1 + 33, bcs.length);
        assertEquals(2, bcs[0]);
        assertEquals(0, bcs[1]);
        assertEquals(1, bcs[2]);
        assertArrayEquals(tree.proof(2).path().get(1).bytes(), Arrays.copyOfRange(bcs, 3, 35));
        assertArrayEquals(new byte[] {0}, MerkleProof.empty().toBcs());
    }

    @Test
    void bcsRoundTripsEveryProof() {
        for (int count = 1; count <= 33; count++) {
            MerkleTree tree = MerkleTree.fromLeafData(leaves(count, count));
            for (int i = 0; i < count; i++) {
                MerkleProof proof = tree.proof(i);
                assertEquals(proof, MerkleProof.fromBcs(proof.toBcs()));
            }
        }
    }

    @Test
    void bcsRefusesMalformedProofs() {
        byte[] good = MerkleTree.fromLeafData(leaves(3, 10)).proof(0).toBcs();
        assertThrows(BcsException.class, () -> MerkleProof.fromBcs(Arrays.copyOf(good, good.length - 1)));
        assertThrows(BcsException.class, () -> MerkleProof.fromBcs(Arrays.copyOf(good, good.length + 1)));
        byte[] unknownTag = good.clone();
        unknownTag[1] = 2;
        assertThrows(BcsException.class, () -> MerkleProof.fromBcs(unknownTag));
        // A claimed 2^31 - 1 nodes with three bytes behind it must fail on input, not on memory.
        byte[] hostile = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x07, 0, 0, 0};
        BcsException e = assertThrows(BcsException.class, () -> MerkleProof.fromBcs(hostile));
        assertEquals(8, e.offset());
    }

    @Test
    void pathIsImmutable() {
        List<MerkleNode> nodes = new ArrayList<>(List.of(MerkleNode.EMPTY));
        MerkleProof proof = new MerkleProof(nodes);
        nodes.clear();
        assertEquals(1, proof.path().size());
        assertThrows(UnsupportedOperationException.class, () -> proof.path().clear());
        assertThrows(NullPointerException.class, () -> new MerkleProof(Arrays.asList((MerkleNode) null)));
    }
}
