package io.floe.persistence.sliver;

/** The sliver store could not do what was asked: RocksDB failed, or what it holds is not what Floe wrote. */
public class SliverStoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SliverStoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public SliverStoreException(String message) {
        super(message);
    }
}
