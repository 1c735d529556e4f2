package io.floe.persistence.readside;

/**
 * The read-side store could not be reached or refused a statement (database down, connection lost, schema
 * missing). Callers retry later: the projection restarts from the stored offset, queries answer "not available".
 */
public final class BlobIndexStoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BlobIndexStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
