package io.floe.api.gateway;

/** No storage node has the blob (never stored, or not certified yet). */
public final class BlobNotFoundException extends RuntimeException {
    public BlobNotFoundException(String message) {
        super(message);
    }
}
