package io.floe.api.gateway;

/**
 * A store that could not reach a quorum of storage nodes; the blob is registered but not certified.
 * {@link #refusedAsNotOwner()} says whether some node refused because it does not own (or no longer owns) a shard,
 * the sign of a committee that changed during the upload.
 */
public final class StoreFailedException extends RuntimeException {
    private final boolean refusedAsNotOwner;

    public StoreFailedException(String message) {
        this(message, false);
    }

    public StoreFailedException(String message, boolean refusedAsNotOwner) {
        super(message);
        this.refusedAsNotOwner = refusedAsNotOwner;
    }

    public boolean refusedAsNotOwner() {
        return refusedAsNotOwner;
    }
}
