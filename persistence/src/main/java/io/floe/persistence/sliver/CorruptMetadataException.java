package io.floe.persistence.sliver;

import io.floe.encoding.metadata.BlobId;

/**
 * Stored metadata that does not parse, does not verify, or belongs to another blob ID than its key. The store never
 * hands out such metadata; the caller can treat it as missing and fetch it again from a peer.
 */
public final class CorruptMetadataException extends SliverStoreException {
    private static final long serialVersionUID = 1L;

    private final transient BlobId blobId;

    public CorruptMetadataException(BlobId blobId, Throwable cause) {
        super("stored metadata of blob " + blobId + " is corrupt: " + cause.getMessage(), cause);
        this.blobId = blobId;
    }

    public BlobId blobId() {
        return blobId;
    }

    @Override
    public boolean isCorruption() {
        return true;
    }
}
