package io.floe.encoding.merkle;

import java.util.Arrays;
import java.util.Objects;

/**
 * Streaming Merkle root: leaf hashes are appended one at a time and {@link #root()} equals
 * {@code MerkleTree.fromLeafHashes(allLeaves).root()} for every count, including the Walrus padding of odd levels.
 *
 * <p>Invariant: after {@code count} leaves, {@code pending[k]} holds the root of the last complete subtree of
 * {@code 2^k} leaves exactly when bit {@code k} of {@code count} is set (a binary counter whose carries are inner
 * hashes), so memory is O(log n). Not thread-safe.
 */
public final class MerkleRootBuilder {
    private static final int NODE = Blake2b256.DIGEST_LENGTH;
    /** One slot per bit of the leaf count. */
    private static final int MAX_LEVELS = Long.SIZE;
    private static final byte[] ZERO = new byte[NODE];

    private final Blake2b256 hasher = new Blake2b256();
    private final byte[] pending = new byte[MAX_LEVELS * NODE];
    private final byte[] carry = new byte[NODE];
    private long count;

    /** Appends the 32-byte leaf hash at {@code leafHash[off]}. */
    public MerkleRootBuilder add(byte[] leafHash, int off) {
        Objects.checkFromIndexSize(off, NODE, leafHash.length);
        System.arraycopy(leafHash, off, carry, 0, NODE);
        return push();
    }

    /** Appends a 32-byte leaf hash. */
    public MerkleRootBuilder add(byte[] leafHash) {
        if (leafHash.length != NODE) {
            throw new IllegalArgumentException("leaf hash has " + leafHash.length + " bytes");
        }
        return add(leafHash, 0);
    }

    /** Appends the leaf whose data is {@code data[off, off+len)}, hashing it as {@code H(0x00 || data)}. */
    public MerkleRootBuilder addLeafData(byte[] data, int off, int len) {
        hasher.leafHash(data, off, len, carry, 0);
        return push();
    }

    /** Number of leaves appended. */
    public long count() {
        return count;
    }

    /**
     * The root of the leaves so far; 32 zero bytes if none. Does not change the builder, so more leaves may follow.
     *
     * <p>Walks up from the lowest pending subtree: at each level the running node is either the right child of
     * that level's pending subtree (its bit is set) or the last node of an odd level, paired with 32 zero bytes.
     */
    public byte[] root() {
        byte[] node = new byte[NODE];
        if (count == 0) {
            return node;
        }
        int lowest = Long.numberOfTrailingZeros(count);
        int height = Long.SIZE - Long.numberOfLeadingZeros(count - 1);
        System.arraycopy(pending, lowest * NODE, node, 0, NODE);
        for (int level = lowest; level < height; level++) {
            if (level > lowest && bit(level)) {
                hasher.innerHash(pending, level * NODE, node, 0, node, 0);
            } else {
                hasher.innerHash(node, 0, ZERO, 0, node, 0);
            }
        }
        return node;
    }

    /** Forgets all leaves. */
    public MerkleRootBuilder reset() {
        count = 0;
        Arrays.fill(pending, (byte) 0);
        return this;
    }

    /** Adds {@link #carry} as the next leaf, merging it with each complete left sibling as a binary carry. */
    private MerkleRootBuilder push() {
        if (count == Long.MAX_VALUE) {
            throw new IllegalStateException("leaf count overflow");
        }
        int level = 0;
        while (bit(level)) {
            hasher.innerHash(pending, level * NODE, carry, 0, carry, 0);
            level++;
        }
        System.arraycopy(carry, 0, pending, level * NODE, NODE);
        count++;
        return this;
    }

    private boolean bit(int level) {
        return (count >>> level & 1) != 0;
    }
}
