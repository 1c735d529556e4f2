package io.floe.encoding.merkle;

import static io.floe.encoding.merkle.MerkleReference.leafHashes;
import static io.floe.encoding.merkle.MerkleReference.leaves;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class MerkleRootBuilderTest {
    @Test
    void matchesTheFullTreeForEveryCountUpTo200() {
        byte[][] hashes = leafHashes(leaves(200, 11));
        MerkleRootBuilder builder = new MerkleRootBuilder();
        assertArrayEquals(new byte[32], builder.root());
        for (int count = 1; count <= 200; count++) {
            builder.add(hashes[count - 1]);
            assertEquals(count, builder.count());
            // root() is asked after every leaf, which also shows it leaves the builder usable.
            assertArrayEquals(MerkleTree.fromLeafHashes(Arrays.copyOf(hashes, count)).root(), builder.root(),
                "count " + count);
        }
    }

    @Test
    void matchesTheNaiveReferenceForPowersOfTwoAndNeighbours() {
        for (int count : new int[] {255, 256, 257, 511, 512, 513, 1000}) {
            byte[][] hashes = leafHashes(leaves(count, count));
            byte[] packed = MerkleReference.pack(hashes, 0);
            MerkleRootBuilder builder = new MerkleRootBuilder();
            for (int i = 0; i < count; i++) {
                builder.add(packed, i * 32);
            }
            assertArrayEquals(MerkleReference.root(Arrays.asList(hashes)), builder.root(), "count " + count);
        }
    }

    @Test
    void addLeafDataHashesTheLeaf() {
        byte[][] leaves = leaves(13, 12);
        MerkleRootBuilder fromData = new MerkleRootBuilder();
        for (byte[] leaf : leaves) {
            byte[] padded = new byte[leaf.length + 4];
            System.arraycopy(leaf, 0, padded, 2, leaf.length);
            fromData.addLeafData(padded, 2, leaf.length);
        }
        assertArrayEquals(MerkleTree.fromLeafData(leaves).root(), fromData.root());
    }

    @Test
    void resetForgetsAllLeaves() {
        byte[][] hashes = leafHashes(leaves(6, 13));
        MerkleRootBuilder builder = new MerkleRootBuilder();
        for (byte[] h : hashes) {
            builder.add(h);
        }
        builder.reset().add(hashes[0]).add(hashes[1]).add(hashes[2]);
        assertEquals(3, builder.count());
        assertArrayEquals(MerkleTree.fromLeafHashes(Arrays.copyOf(hashes, 3)).root(), builder.root());
    }

    @Test
    void refusesWrongSizedHashes() {
        MerkleRootBuilder builder = new MerkleRootBuilder();
        assertThrows(IllegalArgumentException.class, () -> builder.add(new byte[33]));
        assertThrows(IndexOutOfBoundsException.class, () -> builder.add(new byte[40], 9));
        assertEquals(0, builder.count());
    }
}
