package io.floe.encoding.merkle;

import io.floe.encoding.bcs.BcsException;
import io.floe.encoding.bcs.BcsReader;
import io.floe.encoding.bcs.BcsWriter;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A Merkle tree node as Walrus's {@code merkle::Node} enum: {@code Empty} (the padding sibling of the last node
 * of an odd level, and the root of an empty tree) or {@code Digest([u8; 32])}.
 *
 * <p>Invariant: the two variants stay distinct even though {@code Empty} hashes as 32 zero bytes, because Walrus
 * keeps them apart in BCS (tag 0 alone vs tag 1 followed by 32 raw bytes) and in equality. Immutable; the digest
 * bytes never escape without a copy.
 */
public final class MerkleNode {
    /** The empty node; {@link #bytes()} gives 32 zero bytes. */
    public static final MerkleNode EMPTY = new MerkleNode(null);

    private static final int TAG_EMPTY = 0;
    private static final int TAG_DIGEST = 1;
    private static final byte[] ZERO = new byte[Blake2b256.DIGEST_LENGTH];

    /** Null for {@link #EMPTY}. */
    private final byte[] digest;

    private MerkleNode(byte[] digest) {
        this.digest = digest;
    }

    /** A {@code Digest} node holding a copy of the 32 bytes. */
    public static MerkleNode digest(byte[] digest) {
        return digest(digest, 0);
    }

    /** A {@code Digest} node holding a copy of {@code src[off, off+32)}. */
    public static MerkleNode digest(byte[] src, int off) {
        Objects.checkFromIndexSize(off, Blake2b256.DIGEST_LENGTH, src.length);
        return new MerkleNode(Arrays.copyOfRange(src, off, off + Blake2b256.DIGEST_LENGTH));
    }

    public boolean isEmpty() {
        return digest == null;
    }

    /** The 32 bytes that enter a parent hash: the digest, or zeros for {@link #EMPTY} (Walrus {@code Node::bytes}). */
    public byte[] bytes() {
        return isEmpty() ? ZERO.clone() : digest.clone();
    }

    /** Copies the 32 hash-input bytes into {@code out[off, off+32)}. */
    public void copyTo(byte[] out, int off) {
        System.arraycopy(isEmpty() ? ZERO : digest, 0, out, off, Blake2b256.DIGEST_LENGTH);
    }

    /** The hash-input bytes without a copy, for hashing inside this package only; callers must not modify them. */
    byte[] hashInput() {
        return isEmpty() ? ZERO : digest;
    }

    /** Writes the BCS form: ULEB128 tag 0, or tag 1 followed by the 32 bytes with no length prefix. */
    public void writeTo(BcsWriter out) {
        if (isEmpty()) {
            out.variant(TAG_EMPTY);
        } else {
            out.variant(TAG_DIGEST).fixedBytes(digest);
        }
    }

    /** Reads the BCS form written by {@link #writeTo}; unknown tags are a {@link BcsException}. */
    public static MerkleNode readFrom(BcsReader in) {
        int start = in.position();
        int tag = in.variant();
        switch (tag) {
            case TAG_EMPTY:
                return EMPTY;
            case TAG_DIGEST:
                return new MerkleNode(in.fixedBytes(Blake2b256.DIGEST_LENGTH));
            default:
                throw new BcsException("unknown merkle Node variant " + tag, start);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MerkleNode other && Arrays.equals(digest, other.digest);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(digest);
    }

    @Override
    public String toString() {
        return isEmpty() ? "Empty" : "Digest(" + HexFormat.of().formatHex(digest) + ")";
    }
}
