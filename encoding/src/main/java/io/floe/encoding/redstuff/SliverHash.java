package io.floe.encoding.redstuff;

import io.floe.encoding.merkle.MerkleNode;
import io.floe.encoding.rs.GfKernels;

/**
 * The hash a sliver commits to in the metadata (DESIGN.md §4): the Merkle root over its {@code n} expanded symbols.
 * Writers compute it for every sliver when they encode; this is the same computation for one sliver, for callers
 * outside the encoder (a test's malicious writer that commits to a tampered sliver, a tool re-hashing a file).
 */
public final class SliverHash {
    private SliverHash() {
    }

    /**
     * The hash of {@code sliver} in a network of {@code nShards} shards; throws {@link SliverSizeException} if the
     * sliver does not have the symbol count its type has there.
     */
    public static MerkleNode of(Sliver sliver, int nShards) {
        return MerkleNode.digest(SliverExpander.hash(new EncodingConfig(nShards), GfKernels.defaultKernel(), sliver));
    }
}
