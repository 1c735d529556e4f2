package io.floe.encoding.merkle;

import io.floe.encoding.bcs.BcsReader;
import io.floe.encoding.bcs.BcsWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A Merkle inclusion proof as Walrus's {@code MerkleProof { path: Vec<Node> }}: the sibling nodes from a leaf up
 * to the root. The leaf index is not part of the proof; the verifier supplies it, and bit {@code k} of the index
 * says whether the node at level {@code k} is a right child (sibling on the left) or a left child.
 *
 * <p>Invariant: the path is an immutable list of non-null nodes. BCS form: ULEB128 node count, then each
 * {@link MerkleNode} (Walrus's {@code PhantomData} hash-type field serializes to nothing).
 */
public record MerkleProof(List<MerkleNode> path) {
    private static final int NODE = Blake2b256.DIGEST_LENGTH;

    public MerkleProof {
        path = List.copyOf(path);
    }

    /** The proof for a one-leaf tree (Walrus {@code new_empty_proof}). */
    public static MerkleProof empty() {
        return new MerkleProof(List.of());
    }

    /**
     * The path length of a proof in a tree of {@code leafCount} leaves, i.e. the tree's height: 0 for 0 or 1
     * leaves, else {@code floor(log2(leafCount - 1)) + 1} (Walrus {@code path_length}).
     */
    public static int pathLength(int leafCount) {
        if (leafCount < 0) {
            throw new IllegalArgumentException("negative leaf count " + leafCount);
        }
        return leafCount <= 1 ? 0 : Integer.SIZE - Integer.numberOfLeadingZeros(leafCount - 1);
    }

    /**
     * Recomputes the root from a leaf hash (Walrus {@code compute_root}, after its leaf hashing).
     *
     * @throws LeafIndexOutOfBoundsException if {@code leafIndex} is negative or has a bit at or above
     *     {@code path().size()}, i.e. the path is too short to reach that leaf
     */
    public byte[] computeRootFromLeafHash(byte[] leafHash, int leafIndex) {
        checkIndex(leafIndex);
        if (leafHash.length != NODE) {
            throw new IllegalArgumentException("leaf hash has " + leafHash.length + " bytes");
        }
        Blake2b256 hasher = new Blake2b256();
        byte[] current = leafHash.clone();
        int index = leafIndex;
        for (MerkleNode sibling : path) {
            if ((index & 1) == 0) {
                hasher.innerHash(current, 0, sibling.hashInput(), 0, current, 0);
            } else {
                hasher.innerHash(sibling.hashInput(), 0, current, 0, current, 0);
            }
            index >>>= 1;
        }
        return current;
    }

    /** Recomputes the root from the leaf's data, hashing it as {@code H(0x00 || leafData)} first. */
    public byte[] computeRoot(byte[] leafData, int leafIndex) {
        checkIndex(leafIndex);
        byte[] leafHash = new byte[NODE];
        new Blake2b256().leafHash(leafData, 0, leafData.length, leafHash, 0);
        return computeRootFromLeafHash(leafHash, leafIndex);
    }

    /**
     * Walrus's {@code MerkleAuth::verify_proof}: false if the path is longer than {@link #pathLength(int)} of
     * {@code leafCount}, if {@code leafIndex} does not fit the path, or if the recomputed root differs. A shorter
     * path is not refused by this check, as in Walrus (it cannot reach the root anyway).
     */
    public boolean verify(byte[] root, int leafCount, byte[] leafData, int leafIndex) {
        return path.size() <= pathLength(leafCount) && verify(root, leafData, leafIndex);
    }

    /**
     * As {@link #verify(byte[], int, byte[], int)} without the path-length bound (Walrus before it took a leaf
     * count). Prefer the bounded form when the verifier knows the leaf count.
     */
    public boolean verify(byte[] root, byte[] leafData, int leafIndex) {
        return fitsIndex(leafIndex) && matches(root, computeRoot(leafData, leafIndex));
    }

    /** As {@link #verify(byte[], int, byte[], int)}, given the leaf's hash instead of its data. */
    public boolean verifyLeafHash(byte[] root, int leafCount, byte[] leafHash, int leafIndex) {
        return path.size() <= pathLength(leafCount) && verifyLeafHash(root, leafHash, leafIndex);
    }

    /** As {@link #verify(byte[], byte[], int)}, given the leaf's hash instead of its data. */
    public boolean verifyLeafHash(byte[] root, byte[] leafHash, int leafIndex) {
        return fitsIndex(leafIndex) && matches(root, computeRootFromLeafHash(leafHash, leafIndex));
    }

    /** Appends the BCS form: {@code vector<Node>}. */
    public void writeTo(BcsWriter out) {
        out.length(path.size());
        for (MerkleNode node : path) {
            node.writeTo(out);
        }
    }

    /** The BCS bytes of this proof. */
    public byte[] toBcs() {
        BcsWriter out = new BcsWriter(1 + path.size() * (1 + NODE));
        writeTo(out);
        return out.toByteArray();
    }

    /** Reads a proof written by {@link #writeTo}. */
    public static MerkleProof readFrom(BcsReader in) {
        int count = in.length();
        // Each node takes at least one byte, so the remaining input bounds the allocation, not the claimed count.
        List<MerkleNode> nodes = new ArrayList<>(Math.min(count, in.remaining()));
        for (int i = 0; i < count; i++) {
            nodes.add(MerkleNode.readFrom(in));
        }
        return new MerkleProof(nodes);
    }

    /** Decodes a proof that must span all of {@code bcs}. */
    public static MerkleProof fromBcs(byte[] bcs) {
        BcsReader in = new BcsReader(bcs);
        MerkleProof proof = readFrom(in);
        in.expectEnd();
        return proof;
    }

    /** Walrus rejects {@code leaf_index >> path.len() != 0}; Java's shift is mod 32, hence the size guard. */
    private boolean fitsIndex(int leafIndex) {
        return leafIndex >= 0 && (path.size() >= Integer.SIZE - 1 || leafIndex >>> path.size() == 0);
    }

    private void checkIndex(int leafIndex) {
        if (!fitsIndex(leafIndex)) {
            long bound = path.size() >= Long.SIZE - 1 ? Long.MAX_VALUE : 1L << path.size();
            throw new LeafIndexOutOfBoundsException(leafIndex, bound);
        }
    }

    private static boolean matches(byte[] root, byte[] computed) {
        Objects.requireNonNull(root, "root");
        return Arrays.equals(root, computed);
    }
}
