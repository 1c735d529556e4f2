package io.floe.api.gateway;

/** A store that could not reach a quorum of storage nodes; the blob is registered but not certified. */
public final class StoreFailedException extends RuntimeException {
    public StoreFailedException(String message) {
        super(message);
    }
}
