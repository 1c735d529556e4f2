package io.floe.encoding.metadata;

import io.floe.encoding.bcs.BcsReader;
import io.floe.encoding.bcs.BcsWriter;

/**
 * Walrus's {@code BlobMetadataWithId}, and only ever a verified one: constructing it recomputes the blob ID from the
 * metadata and refuses a mismatch, so holding one means the hashes are the ones the blob ID commits to.
 */
public record VerifiedMetadata(BlobId blobId, BlobMetadata metadata) {
    public VerifiedMetadata {
        BlobId computed = metadata.computeBlobId();
        if (!computed.equals(blobId)) {
            throw new MetadataMismatchException(blobId, computed);
        }
    }

    public byte[] toBcs() {
        BcsWriter out = new BcsWriter();
        out.fixedBytes(blobId.bytes());
        metadata.writeTo(out);
        return out.toByteArray();
    }

    /** Reads and verifies {@code BlobMetadataWithId}; the whole input must be consumed. */
    public static VerifiedMetadata fromBcs(byte[] bcs) {
        BcsReader in = new BcsReader(bcs);
        BlobId id = BlobId.of(in.fixedBytes(BlobId.LENGTH));
        BlobMetadata metadata = BlobMetadata.readFrom(in);
        in.expectEnd();
        return new VerifiedMetadata(id, metadata);
    }
}
