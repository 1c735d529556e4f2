package io.floe.encoding.metadata;

import io.floe.encoding.bcs.BcsReader;
import io.floe.encoding.bcs.BcsWriter;
import io.floe.encoding.index.SliverPairIndex;
import io.floe.encoding.index.SliverType;
import io.floe.encoding.merkle.MerkleNode;
import io.floe.encoding.merkle.MerkleTree;
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
    public MerkleNode sliverHash(SliverType type, int sliverIndex) {
        int pair = SliverPairIndex.of(type, new io.floe.encoding.index.SliverIndex(sliverIndex), nShards()).value();
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
        int version = in.variant();
        if (version != 0) {
            throw new io.floe.encoding.EncodingException("unknown blob metadata version " + version);
        }
        EncodingType type = EncodingType.fromCode(in.variant());
        long length = in.u64();
        int count = in.length();
        SliverPairMetadata[] pairs = new SliverPairMetadata[count];
        for (int i = 0; i < count; i++) {
            pairs[i] = SliverPairMetadata.readFrom(in);
        }
        return new BlobMetadata(type, length, List.of(pairs));
    }
}
