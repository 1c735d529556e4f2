package io.floe.encoding.metadata;

import io.floe.encoding.bcs.BcsReader;
import io.floe.encoding.bcs.BcsWriter;
import io.floe.encoding.merkle.MerkleNode;

/**
 * Hashes of sliver pair i: the Merkle root over the n symbols of expanded row i (primary) and of expanded column
 * n-1-i (secondary).
 */
public record SliverPairMetadata(MerkleNode primaryHash, MerkleNode secondaryHash) {
    /** Leaf input of the metadata's Merkle tree: primary hash bytes then secondary hash bytes. */
    byte[] leafInput() {
        byte[] out = new byte[64];
        primaryHash.copyTo(out, 0);
        secondaryHash.copyTo(out, 32);
        return out;
    }

    void writeTo(BcsWriter out) {
        primaryHash.writeTo(out);
        secondaryHash.writeTo(out);
    }

    static SliverPairMetadata readFrom(BcsReader in) {
        return new SliverPairMetadata(MerkleNode.readFrom(in), MerkleNode.readFrom(in));
    }
}
