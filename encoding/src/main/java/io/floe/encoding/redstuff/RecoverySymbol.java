package io.floe.encoding.redstuff;

import io.floe.encoding.bcs.BcsReader;
import io.floe.encoding.bcs.BcsWriter;
import io.floe.encoding.index.SliverIndex;
import io.floe.encoding.index.SliverType;
import io.floe.encoding.merkle.MerkleProof;
import io.floe.encoding.metadata.VerifiedMetadata;
import java.util.Arrays;

/**
 * One symbol of the expanded matrix sent to a node that rebuilds a sliver: symbol {@code targetIndex} of the
 * expanded {@code sourceType} sliver {@code sourceIndex}, which is also symbol {@code sourceIndex} of the target
 * sliver's expanded codeword. The Merkle proof ties it to the source sliver's hash in the metadata.
 * Serialized as {@code { index: u16 (source), data: vector<u8>, proof: MerkleProof }}; types and target come
 * from the request it answers.
 */
public record RecoverySymbol(
    SliverType sourceType, SliverIndex sourceIndex, SliverIndex targetIndex, byte[] data, MerkleProof proof) {

    /** The type of sliver this symbol helps rebuild. */
    public SliverType targetType() {
        return sourceType.orthogonal();
    }

    /** True when the proof places these bytes at {@code targetIndex} of the source sliver's committed tree. */
    public boolean verify(VerifiedMetadata metadata) {
        int n = metadata.metadata().nShards();
        if (sourceIndex.value() >= n || targetIndex.value() >= n) {
            return false;
        }
        byte[] root = metadata.metadata().sliverHash(sourceType, sourceIndex).bytes();
        return proof.verify(root, n, data, targetIndex.value());
    }

    /**
     * Throws {@link SliverIndexOutOfRangeException} when an index is beyond the blob's shards, and
     * {@link SymbolProofMismatchException} when the proof does not hold; returns this symbol otherwise.
     */
    public RecoverySymbol check(VerifiedMetadata metadata) {
        int n = metadata.metadata().nShards();
        SliverIndexOutOfRangeException.check(sourceType, sourceIndex, n);
        SliverIndexOutOfRangeException.check(targetType(), targetIndex, n);
        if (!verify(metadata)) {
            throw new SymbolProofMismatchException(sourceType, sourceIndex, targetIndex);
        }
        return this;
    }

    public void writeTo(BcsWriter out) {
        out.u16(sourceIndex.value());
        out.bytes(data);
        proof.writeTo(out);
    }

    public static RecoverySymbol readFrom(BcsReader in, SliverType sourceType, SliverIndex targetIndex) {
        SliverIndex source = Sliver.readIndex(in);
        byte[] data = in.bytes();
        return new RecoverySymbol(sourceType, source, targetIndex, data, MerkleProof.readFrom(in));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RecoverySymbol r && sourceType == r.sourceType && sourceIndex.equals(r.sourceIndex)
            && targetIndex.equals(r.targetIndex) && Arrays.equals(data, r.data) && proof.equals(r.proof);
    }

    @Override
    public int hashCode() {
        return (sourceIndex.value() * 31 + targetIndex.value()) * 31 + Arrays.hashCode(data);
    }
}
