package io.floe.encoding.merkle;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Walrus's Merkle tree ({@code walrus_core::merkle::MerkleTree<Blake2b256>}): leaf {@code H(0x00 || data)}, inner
 * {@code H(0x01 || left || right)}; a level with an odd number of nodes (and more than one) gets the
 * {@link MerkleNode#EMPTY} node, hashed as 32 zero bytes, as the last node's right sibling. One leaf is its own
 * root; the empty tree's root is {@code Empty} (32 zero bytes).
 *
 * <p>Invariant: immutable once built; {@code levels[0]} holds the leaf hashes and each further level the parents
 * of the one below, packed 32 bytes a node, without padding nodes (their position implies them).
 */
public final class MerkleTree {
    static final int NODE = Blake2b256.DIGEST_LENGTH;
    /** Largest leaf count whose packed hashes fit one Java array. */
    static final int MAX_LEAVES = Integer.MAX_VALUE / NODE;
    /** Scratch kept per thread by {@link #rootOfLeafHashes} is capped so huge one-off trees are not retained. */
    private static final int MAX_RETAINED_SCRATCH = 64 * 1024;
    private static final byte[] ZERO = new byte[NODE];
    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private final byte[][] levels;
    private final int leafCount;

    private MerkleTree(byte[][] levels, int leafCount) {
        this.levels = levels;
        this.leafCount = leafCount;
    }

    /** Builds the tree over the given 32-byte leaf hashes (Walrus {@code build_from_leaf_hashes}). */
    public static MerkleTree fromLeafHashes(byte[][] leafHashes) {
        byte[] packed = new byte[checkedSize(leafHashes.length)];
        for (int i = 0; i < leafHashes.length; i++) {
            if (leafHashes[i].length != NODE) {
                throw new IllegalArgumentException("leaf hash " + i + " has " + leafHashes[i].length + " bytes");
            }
            System.arraycopy(leafHashes[i], 0, packed, i * NODE, NODE);
        }
        return build(packed, leafHashes.length);
    }

    /** Builds the tree over {@code count} leaf hashes packed 32 bytes each from {@code packed[off]}. */
    public static MerkleTree fromPackedLeafHashes(byte[] packed, int off, int count) {
        Objects.checkFromIndexSize(off, checkedSize(count), packed.length);
        return build(Arrays.copyOfRange(packed, off, off + count * NODE), count);
    }

    /** Builds the tree over the leaves' data, hashing each as {@code H(0x00 || leaf)} (Walrus {@code build}). */
    public static MerkleTree fromLeafData(byte[][] leaves) {
        Blake2b256 hasher = new Blake2b256();
        byte[] packed = new byte[checkedSize(leaves.length)];
        for (int i = 0; i < leaves.length; i++) {
            hasher.leafHash(leaves[i], 0, leaves[i].length, packed, i * NODE);
        }
        return build(packed, leaves.length);
    }

    /**
     * The root over {@code count} leaf hashes packed 32 bytes each, without building a tree: the encoder's hot
     * path. Uses per-thread scratch memory; the input is not modified. Same result as
     * {@code fromPackedLeafHashes(packed, 0, count).root()}.
     */
    public static byte[] rootOfLeafHashes(byte[] packedLeafHashes, int count) {
        return rootOfLeafHashes(packedLeafHashes, 0, count);
    }

    /** As {@link #rootOfLeafHashes(byte[], int)}, for hashes starting at {@code packedLeafHashes[off]}. */
    public static byte[] rootOfLeafHashes(byte[] packedLeafHashes, int off, int count) {
        Objects.checkFromIndexSize(off, checkedSize(count), packedLeafHashes.length);
        if (count <= 1) {
            return count == 0 ? ZERO.clone() : Arrays.copyOfRange(packedLeafHashes, off, off + NODE);
        }
        Scratch scratch = SCRATCH.get();
        byte[] work = scratch.buffer(parentCount(count) * NODE);
        // The first level reads the caller's array; later levels shrink in place inside the scratch buffer.
        int n = reduceLevel(scratch, 0, packedLeafHashes, off, count, work);
        for (int level = 1; n > 1; level++) {
            n = reduceLevel(scratch, level, work, 0, n, work);
        }
        return Arrays.copyOf(work, NODE);
    }

    /**
     * The node at {@code height} over {@code count} packed leaf hashes ({@code 1 <= count <= 2^height}) that start
     * at a multiple of {@code 2^height} in a larger tree's leaves. A larger tree can then be built from such nodes:
     * the root over the nodes of its consecutive {@code 2^height}-leaf blocks equals the root over all its leaves
     * (for more than one block). Unlike {@link #rootOfLeafHashes}, a lone node below {@code height} is still paired
     * with the zero node, as the larger tree pads the odd end of each level.
     */
    public static byte[] subtreeRootOfLeafHashes(byte[] packedLeafHashes, int count, int height) {
        if (height < 0 || height > 30 || count < 1 || count > 1 << height) {
            throw new IllegalArgumentException(count + " leaves do not fit a subtree of height " + height);
        }
        Objects.checkFromIndexSize(0, checkedSize(count), packedLeafHashes.length);
        if (height == 0) {
            return Arrays.copyOf(packedLeafHashes, NODE);
        }
        Scratch scratch = SCRATCH.get();
        byte[] work = scratch.buffer(parentCount(count) * NODE);
        int n = reduceLevel(scratch, 0, packedLeafHashes, 0, count, work);
        for (int level = 1; level < height; level++) {
            n = reduceLevel(scratch, level, work, 0, n, work);
        }
        return Arrays.copyOf(work, NODE);
    }

    /**
     * The nodes at {@code height} of {@code trees} consecutive full subtrees of {@code 2^height} leaves each, packed
     * 32 bytes a node: the same as {@link #subtreeRootOfLeafHashes} on each in turn, but every level of all of them
     * is hashed as one run, so a vector of lanes is filled with pairs of several trees where one small tree alone
     * would leave most lanes of its upper levels empty. No level has an odd node (every tree is full).
     */
    public static byte[] subtreeRootsOfLeafHashes(byte[] packedLeafHashes, int trees, int height) {
        if (height < 0 || height > 30 || trees < 1 || (long) trees << height > MAX_LEAVES) {
            throw new IllegalArgumentException(trees + " full subtrees of height " + height + " do not fit");
        }
        int count = trees << height;
        Objects.checkFromIndexSize(0, count * NODE, packedLeafHashes.length);
        if (height == 0) {
            return Arrays.copyOf(packedLeafHashes, trees * NODE);
        }
        Scratch scratch = SCRATCH.get();
        byte[] work = scratch.buffer(parentCount(count) * NODE);
        int n = reduceLevel(scratch, 0, packedLeafHashes, 0, count, work);
        for (int level = 1; level < height; level++) {
            n = reduceLevel(scratch, level, work, 0, n, work);
        }
        return Arrays.copyOf(work, trees * NODE);
    }

    /** The root's 32 bytes; 32 zero bytes for the empty tree. */
    public byte[] root() {
        return leafCount == 0 ? ZERO.clone() : Arrays.copyOf(levels[levels.length - 1], NODE);
    }

    /** The root as Walrus's {@code Node}: {@code Empty} for the empty tree, else {@code Digest}. */
    public MerkleNode rootNode() {
        return leafCount == 0 ? MerkleNode.EMPTY : MerkleNode.digest(levels[levels.length - 1], 0);
    }

    public int leafCount() {
        return leafCount;
    }

    /** A copy of leaf {@code index}'s hash. */
    public byte[] leafHash(int index) {
        Objects.checkIndex(index, leafCount);
        return Arrays.copyOfRange(levels[0], index * NODE, (index + 1) * NODE);
    }

    /**
     * The sibling path from leaf {@code leafIndex} to the root (Walrus {@code get_proof}); a padding sibling
     * appears as {@link MerkleNode#EMPTY}. The path has {@link MerkleProof#pathLength(int)} nodes.
     *
     * @throws LeafIndexOutOfBoundsException unless {@code 0 <= leafIndex < leafCount()}
     */
    public MerkleProof proof(int leafIndex) {
        if (leafIndex < 0 || leafIndex >= leafCount) {
            throw new LeafIndexOutOfBoundsException(leafIndex, leafCount);
        }
        List<MerkleNode> path = new ArrayList<>(levels.length - 1);
        int index = leafIndex;
        for (int level = 0; level < levels.length - 1; level++) {
            int sibling = index ^ 1;
            boolean padded = sibling * NODE >= levels[level].length;
            path.add(padded ? MerkleNode.EMPTY : MerkleNode.digest(levels[level], sibling * NODE));
            index >>>= 1;
        }
        return new MerkleProof(path);
    }

    private static MerkleTree build(byte[] packedLeaves, int count) {
        Scratch scratch = SCRATCH.get();
        List<byte[]> built = new ArrayList<>();
        built.add(packedLeaves);
        int n = count;
        while (n > 1) {
            byte[] parents = new byte[parentCount(n) * NODE];
            n = reduceLevel(scratch, built.size() - 1, built.get(built.size() - 1), 0, n, parents);
            built.add(parents);
        }
        return new MerkleTree(built.toArray(new byte[0][]), count);
    }

    /**
     * Hashes {@code count} packed nodes at {@code src[srcOff]} pairwise into {@code dst[0..]}, pairing an odd last
     * node with 32 zero bytes, and returns the parent count. {@code dst} may be {@code src} with {@code srcOff}
     * 0: parent j is written at j*32, never ahead of the children 2j and 2j+1 still to be read (a batch reads all
     * its pairs before it writes, and is flushed before any parent is copied in).
     *
     * <p>Pairs are hashed a vector's worth at a time ({@link HashBatch}). The thread's last hashed pair at this
     * {@code level} and its parent are remembered ({@link Scratch#memoPair}) across calls: a pair equal to it gets
     * the parent without hashing. Runs of equal nodes are the norm in the expanded matrix of a small or sparse blob:
     * a zero row or column has n equal leaves, and every zero subtree at one level of every tree the thread reduces
     * has the same pair, so its whole tree costs no hash once one like it was hashed. Elsewhere it costs a 64-byte
     * comparison that fails at the first byte and a 64-byte copy per hashed pair. Exact by construction: the memo
     * is keyed by the whole 64-byte input of a pure function. A pair equal to the memo pair while the latter's hash
     * is still queued does not flush the batch (which would hash a vector of mostly empty lanes once per run of
     * equal pairs): its parent is copied when the batch is flushed ({@link Scratch#defer}).
     */
    private static int reduceLevel(Scratch scratch, int level, byte[] src, int srcOff, int count, byte[] dst) {
        final int pairs = count >>> 1;
        final int slot = Math.min(level, Scratch.LEVELS - 1);
        final byte[] memo = scratch.memoPair;
        final int memoOff = slot * 2 * NODE;
        final HashBatch batch = HashBatch.innerNodes(scratch.lanes, dst);
        final int lanes = scratch.lanes.lanes();
        int queued = 0;
        int pending = -1;
        for (int j = 0; j < pairs; j++) {
            int left = srcOff + 2 * j * NODE;
            boolean known = pending >= 0 || scratch.memoValid[slot];
            if (known && Arrays.equals(src, left, left + 2 * NODE, memo, memoOff, memoOff + 2 * NODE)) {
                if (pending >= 0) {
                    scratch.defer(pending, j);
                } else {
                    System.arraycopy(scratch.memoParent, slot * NODE, dst, j * NODE, NODE);
                }
                continue;
            }
            scratch.memoValid[slot] = false;
            System.arraycopy(src, left, memo, memoOff, 2 * NODE);
            pending = j;
            batch.add(src, left, j * NODE);
            if (++queued == lanes) {
                // That add filled the batch, which hashed it: every queued parent is written.
                queued = 0;
                pending = scratch.settle(slot, dst, pending);
            }
        }
        if ((count & 1) != 0) {
            // The odd last node and its zero sibling ride in the batch (a lane that would often go unused).
            System.arraycopy(src, srcOff + (count - 1) * NODE, scratch.oddPair, 0, NODE);
            batch.add(scratch.oddPair, 0, pairs * NODE);
        }
        batch.flush();
        scratch.settle(slot, dst, pending);
        return parentCount(count);
    }

    static int parentCount(int count) {
        return (count >>> 1) + (count & 1);
    }

    private static int checkedSize(int count) {
        if (count < 0 || count > MAX_LEAVES) {
            throw new IllegalArgumentException("leaf count " + count + " outside [0, " + MAX_LEAVES + "]");
        }
        return count * NODE;
    }

    /**
     * Per-thread hashers and work buffer, so computing a root allocates only a batch's three 4-entry arrays per level
     * and the result. Never used by two calls at once: no reduction runs inside another on the same thread.
     */
    private static final class Scratch {
        final LaneHasher lanes = HashBatch.newEngine();
        /** Memo slots: levels at or past the last share one (trees that tall are rare and not repetitive). */
        static final int LEVELS = 32;
        /** Per level, the last pair hashed and its parent, valid once that pair's batch was flushed and settled. */
        final byte[] memoPair = new byte[LEVELS * 2 * NODE];
        final byte[] memoParent = new byte[LEVELS * NODE];
        final boolean[] memoValid = new boolean[LEVELS];
        /** An odd level's last node followed by 32 zero bytes (the second half is never written). */
        final byte[] oddPair = new byte[2 * NODE];
        private byte[] buffer = new byte[0];

        /** Parents waiting for a flush: {@code dst[deferredTo[i]]} is to be a copy of {@code dst[deferredFrom[i]]}. */
        private int[] deferredFrom = new int[64];
        private int[] deferredTo = new int[64];
        private int deferred;

        /**
         * Notes that parent {@code to} equals parent {@code from}, still queued. Copied by the next {@link #settle},
         * right after a flush: then no queued pair is left to read a child that the copy may overwrite in place
         * ({@code to} is below every pair still to come, whose children start at twice their index).
         */
        void defer(int from, int to) {
            if (deferred == deferredTo.length) {
                deferredFrom = Arrays.copyOf(deferredFrom, 2 * deferred);
                deferredTo = Arrays.copyOf(deferredTo, 2 * deferred);
            }
            deferredFrom[deferred] = from;
            deferredTo[deferred++] = to;
        }

        /**
         * After a flush: writes the deferred parents and copies the flushed parent {@code dst[pending]} of the memo
         * pair into its slot; returns -1 (settled).
         */
        int settle(int slot, byte[] dst, int pending) {
            for (int i = 0; i < deferred; i++) {
                System.arraycopy(dst, deferredFrom[i] * NODE, dst, deferredTo[i] * NODE, NODE);
            }
            deferred = 0;
            if (pending >= 0) {
                System.arraycopy(dst, pending * NODE, memoParent, slot * NODE, NODE);
                memoValid[slot] = true;
            }
            return -1;
        }

        byte[] buffer(int size) {
            if (size > MAX_RETAINED_SCRATCH) {
                return new byte[size];
            }
            if (buffer.length < size) {
                buffer = new byte[Math.min(MAX_RETAINED_SCRATCH, Math.max(size, 2 * buffer.length))];
            }
            return buffer;
        }
    }
}
