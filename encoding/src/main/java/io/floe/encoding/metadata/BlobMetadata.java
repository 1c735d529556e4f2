package io.floe.encoding.metadata;

import io.floe.encoding.bcs.BcsException;
import io.floe.encoding.bcs.BcsReader;
import io.floe.encoding.bcs.BcsWriter;
import io.floe.encoding.index.SliverIndex;
import io.floe.encoding.index.SliverPairIndex;
import io.floe.encoding.index.SliverType;
import io.floe.encoding.merkle.MerkleNode;
import io.floe.encoding.merkle.MerkleTree;
import java.util.ArrayList;
import java.util.List;

/**
 * Walrus's {@code BlobMetadata::V1}: encoding type, unencoded length and one {@link SliverPairMetadata} per pair.
 * Its Merkle root (over the pairs' hashes) and length determine the blob ID.
 */
public record BlobMetadata(EncodingType encodingType, long unencodedLength, List<SliverPairMetadata> hashes) {
    public BlobMetadata {
        if (unencodedLength < 0) {
            throw new IllegalArgumentException("negative blob length " + unencodedLength);
        }
        hashes = List.copyOf(hashes);
    }

    public int nShards() {
        return hashes.size();
    }

    /** Merkle root over the leaves {@code primary_hash_i || secondary_hash_i}. */
    public byte[] rootHash() {
        byte[][] leaves = new byte[hashes.size()][];
        for (int i = 0; i < leaves.length; i++) {
            leaves[i] = hashes.get(i).leafInput();
        }
        return MerkleTree.fromLeafData(leaves).root();
    }

    /** The blob ID this metadata stands for. */
    public BlobId computeBlobId() {
        return BlobId.compute(encodingType, unencodedLength, rootHash());
    }

    /** The expected hash of a sliver, by its type and sliver index. */
    public MerkleNode sliverHash(SliverType type, SliverIndex sliverIndex) {
        int pair = SliverPairIndex.of(type, sliverIndex, nShards()).value();
        SliverPairMetadata p = hashes.get(pair);
        return type == SliverType.PRIMARY ? p.primaryHash() : p.secondaryHash();
    }

    public void writeTo(BcsWriter out) {
        out.variant(0);
        out.variant(encodingType.code());
        out.u64(unencodedLength);
        out.length(hashes.size());
        for (SliverPairMetadata pair : hashes) {
            pair.writeTo(out);
        }
    }

    public static BlobMetadata readFrom(BcsReader in) {
        int at = in.position();
        int version = in.variant();
        if (version != 0) {
            throw new BcsException("unknown blob metadata version " + version, at);
        }
        EncodingType type = EncodingType.fromCode(in.variant());
        int lengthAt = in.position();
        long length = in.u64();
        if (length < 0) {
            throw new BcsException("blob length " + Long.toUnsignedString(length) + " exceeds 2^63 - 1", lengthAt);
        }
        int count = in.length();
        // Each pair takes at least two bytes (two Empty nodes): the input bounds the allocation, not the claim.
        List<SliverPairMetadata> pairs = new ArrayList<>(Math.min(count, in.remaining() / 2));
        for (int i = 0; i < count; i++) {
            pairs.add(SliverPairMetadata.readFrom(in));
        }
        return new BlobMetadata(type, length, pairs);
    }
}
