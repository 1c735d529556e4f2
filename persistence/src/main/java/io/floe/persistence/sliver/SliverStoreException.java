package io.floe.persistence.sliver;

/** The sliver store could not do what was asked: RocksDB failed, or what it holds is not what Floe wrote. */
public class SliverStoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final boolean corrupt;

    public SliverStoreException(String message, Throwable cause) {
        super(message, cause);
        this.corrupt = false;
    }

    public SliverStoreException(String message) {
        super(message);
        this.corrupt = false;
    }

    /** For stored bytes found damaged by Floe itself (a key that is no blob ID, for instance). */
    SliverStoreException(String message, boolean corrupt) {
        super(message);
        this.corrupt = corrupt;
    }

    /**
     * Whether stored bytes are damaged (RocksDB found a bad checksum, or a key or value is not what Floe wrote), as
     * opposed to RocksDB failing to do the operation (disk full, closed): damage is repaired by dropping what is
     * damaged and rebuilding it, a failure by retrying.
     */
    public boolean isCorruption() {
        return corrupt || StoredValues.isCorruption(getCause());
    }

    /**
     * Whether RocksDB found the damage in a table file ({@code *.sst}), not in one value of a blob file: every key of
     * the damaged block is unreadable, and RocksDB can never compact that family again, so the whole family has to
     * be dropped and rebuilt ({@link SliverStore#dropSlivers}).
     */
    public boolean inTableFile() {
        return StoredValues.isTableCorruption(getCause());
    }
}
