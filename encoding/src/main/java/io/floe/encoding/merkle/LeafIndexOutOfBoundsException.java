package io.floe.encoding.merkle;

/**
 * A leaf index outside a Merkle tree or beyond what a proof's path can address (Walrus
 * {@code MerkleProofError::LeafIndexOutOfBounds}).
 *
 * <p>Invariant: carries the offending index and the exclusive bound it broke, so the caller can tell a bad
 * index from a short proof.
 */
public final class LeafIndexOutOfBoundsException extends IndexOutOfBoundsException {
    private static final long serialVersionUID = 1L;

    private final long index;
    private final long bound;

    public LeafIndexOutOfBoundsException(long index, long bound) {
        super("leaf index " + index + " is out of bounds [0, " + bound + ")");
        this.index = index;
        this.bound = bound;
    }

    public long index() {
        return index;
    }

    /** The exclusive upper bound: the leaf count of a tree, or 2^pathLength for a proof. */
    public long bound() {
        return bound;
    }
}
